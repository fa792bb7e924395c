// English as the app loads it when chosen: the messages and antd's own texts, one chunk.
export { en } from './en';
export { enApi, periodLabelEn } from './en-api';
export { default as antdLocale } from 'antd/es/locale/en_US';
