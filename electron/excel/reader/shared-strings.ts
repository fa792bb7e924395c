// The shared strings part (§18.4), and the text of a rich or inline string wherever it
// is written (an <si> there, an <is> in a cell).
import type { SaxesTagPlain } from 'saxes';
import { parseXml } from './xml';

export interface SharedString {
  text: string;
  /** Written as runs of rich text. */
  rich: boolean;
  /** The first run's font that names one: legacy text is recognised by it. */
  fontName?: string;
}

/**
 * Text as Excel shows it: ST_Xstring (ECMA-376 part 1, §22.9.2.19) writes a character XML
 * cannot carry as _xHHHH_ (a carriage return is _x000D_), and a literal "_x" that looks
 * like one with its underscore escaped (_x005F_x000D_ is the text "_x000D_").
 */
export function decodeXstring(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/gu, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Collects the text of an <si> or <is>: plain <t>, or runs <r><rPr><rFont/></rPr><t/></r>; phonetic guides (<rPh>) are not the text. */
export class StringCollector {
  private text = '';
  private rich = false;
  private fontName: string | undefined;
  private inText = false;
  private inPhonetic = false;

  open(name: string, tag: SaxesTagPlain): void {
    if (name === 't') this.inText = !this.inPhonetic;
    else if (name === 'r') this.rich = true;
    else if (name === 'rPh') this.inPhonetic = true;
    else if (name === 'rFont' && this.fontName === undefined && tag.attributes.val) this.fontName = tag.attributes.val;
  }

  close(name: string): void {
    if (name === 't') this.inText = false;
    else if (name === 'rPh') this.inPhonetic = false;
  }

  add(text: string): void {
    if (this.inText) this.text += text;
  }

  take(): SharedString {
    const text = decodeXstring(this.text);
    const out: SharedString = this.fontName === undefined ? { text, rich: this.rich } : { text, rich: this.rich, fontName: this.fontName };
    this.text = '';
    this.rich = false;
    this.fontName = undefined;
    this.inText = false;
    this.inPhonetic = false;
    return out;
  }
}

export function readSharedStrings(text: string): SharedString[] {
  const out: SharedString[] = [];
  const collector = new StringCollector();
  let inItem = false;
  parseXml(text, {
    open(name, tag) {
      if (name === 'si') inItem = true;
      else if (inItem) collector.open(name, tag);
    },
    close(name) {
      if (name === 'si') {
        out.push(collector.take());
        inItem = false;
      } else if (inItem) collector.close(name);
    },
    text(t) {
      if (inItem) collector.add(t);
    },
  });
  return out;
}

