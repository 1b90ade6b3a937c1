import admin from './admin.json';
import auth from './auth.json';
import common from './common.json';
import composer from './composer.json';
import connect from './connect.json';
import contacts from './contacts.json';
import delivery from './delivery.json';
import download from './download.json';
import errors from './errors.json';
import files from './files.json';
import inbox from './inbox.json';
import nav from './nav.json';
import offline from './offline.json';
import passcodes from './passcodes.json';
import push from './push.json';
import settings from './settings.json';
import share from './share.json';
import shortcuts from './shortcuts.json';
import welcome from './welcome.json';

/**
 * The English catalogue, one JSON file per namespace (a part of the inbox), and the one list of namespaces:
 * i18n/messages.ts loads the same files of every other language, i18n/types.d.ts checks keys against these.
 */
export const englishMessages = {
  admin,
  auth,
  common,
  composer,
  connect,
  contacts,
  delivery,
  download,
  errors,
  files,
  inbox,
  nav,
  offline,
  passcodes,
  push,
  settings,
  share,
  shortcuts,
  welcome,
};
export type Namespace = keyof typeof englishMessages;
