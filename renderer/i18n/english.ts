// English as the app loads it when chosen: the messages and antd's own texts, one chunk.
export { en } from './en';
export { default as antdLocale } from 'antd/es/locale/en_US';
