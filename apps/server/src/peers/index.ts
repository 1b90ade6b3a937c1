export { classifyPeerAddress, isPublicPeerAddress, type AddressVerdict } from './ip-policy';
export { PeerClient } from './peer-client';
export {
  PEER_CLIENT_DEFAULTS,
  PEER_CLIENT_OPTIONS,
  type PeerClientOptions,
  peerClientOptionsOf,
} from './peer-client-options';
export { checkPeerDomain, type DomainVerdict } from './peer-domain';
export type {
  PeerAnswerDetails,
  PeerFailure,
  PeerFailureKind,
  PeerResponse,
  PeerStream,
  PeerSuccess,
} from './peer-response';
export { buildPeerUrl, buildPeerUrlAt } from './peer-url';
export type { ResolvedAddress, ResolveHost } from './resolve-host';
export { PeersModule } from './peers.module';
