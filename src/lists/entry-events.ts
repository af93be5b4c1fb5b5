/**
 * What the lists tell other domains about a user's list changes, and the listener they give for it.
 * Lists emit, other layers (social/: list activities) listen, never the reverse: the lists know the
 * listeners only as this type. A listener runs inside the save's transaction, so what it writes
 * commits or rolls back with the entry.
 */
import type { Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Media } from '../catalog/media.js'
import type { EntryFields, MediaListEntry } from './entry.js'

/** One entry's change: its fields before (null for a new entry) and the entry after (null when deleted). */
export interface EntryChange {
  userId: number
  media: Media
  before: EntryFields | null
  after: MediaListEntry | null
}

/** Told of each change inside the transaction that makes it; `now` is the save's time (Unix seconds). */
export type EntryListener = (trx: Transaction<Tables>, change: EntryChange, now: number) => Promise<void>

/** Tells every listener of a change, one after the other. */
export async function emitEntryChange(listeners: readonly EntryListener[], trx: Transaction<Tables>, change: EntryChange, now: number): Promise<void> {
  for (const listener of listeners) await listener(trx, change, now)
}
