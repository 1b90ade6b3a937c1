/** The target (a resolved or connected address) is not one a node may call. */
export class PeerTargetRefusedError extends Error {
  readonly code = 'OPENMSG_PEER_TARGET_REFUSED';
}

/** The peer's host name did not resolve. */
export class PeerDnsError extends Error {
  readonly code = 'OPENMSG_PEER_DNS';
}
