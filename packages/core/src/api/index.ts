// The client API's shapes, shared by the server and the web inbox (import from '@openmsg/core/api').
export * from './account';
export * from './attachments';
export * from './admin';
export * from './common';
export * from './contacts';
export * from './conversations';
export * from './errors';
export * from './events';
export * from './messages';
export * from './node-info';
export * from './passcodes';
export * from './push';
export * from './route';
export * from './routes';
export * from './session-names';
export { withoutBidiControls } from '../display-name';
export * from './data-export';
export * from './search-text';
