// The XML under every package part: the bytes' encoding, element names without their
// prefix, and one well-formed document through saxes (no DTD entities, no network).
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** Part text: UTF-8 as Excel writes it, UTF-16 when a byte-order mark says so. */
export function partText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute in any namespace ("r:id", "x:id"): relationship ids carry whatever prefix the writer chose. */
export function prefixedAttribute(tag: SaxesTagPlain, name: string): string | undefined {
  for (const key of Object.keys(tag.attributes)) {
    if (localName(key) === name && key.includes(':')) return tag.attributes[key];
  }
  return undefined;
}

export interface XmlHandlers {
  open(name: string, tag: SaxesTagPlain): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** One well-formed XML document through saxes (no DTD entities, no network); element names without their prefix. */
export function parseXml(text: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag));
  const { close, text: onText } = handlers;
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  if (onText) {
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  parser.write(text).close();
}

