/**
 * Notices between the instances of one installation (a token was revoked, a signing key was created),
 * so that what each instance keeps in memory can follow what another one changed. Delivery is at most
 * once: a subscriber is told when it may have missed notices (a gap) and when it hears them again.
 */

export interface BroadcastHandlers {
  /** A notice on the topic, from any instance, this one included. May return a promise (its failure is logged). */
  message(payload: string): void | Promise<void>
  /** Notices may be lost from now on, until `resume`. */
  gap?(): void
  /** Notices arrive again; any sent during the gap were missed. */
  resume?(): void | Promise<void>
}

export interface Broadcast {
  /** True while this instance hears every notice sent. */
  readonly listening: boolean
  /** Sends a notice to every instance. Never rejects: resolves false (after logging why) when it could not be sent. */
  publish(topic: string, payload: string): Promise<boolean>
  /** Calls `handlers` for the notices on `topic`. */
  subscribe(topic: string, handlers: BroadcastHandlers): void
}
