// The inbox's service worker, registered by components/service-worker-registration.tsx for the whole origin.
// Each concern lives in its own script under /sw/ (plain scripts: a service worker cannot be a bundle's chunk,
// and the browser checks imported scripts for updates together with this one):
//   offline.js       the app shell and recent data for opening offline, and taking over after a deploy
//   push.js          push notifications (Web Push) and opening a conversation from one
//   share-target.js  text and files shared into the inbox from the system share sheet
importScripts('/sw/offline.js', '/sw/push.js', '/sw/share-target.js');
