/**
 * The loaders of one request. A domain module declares each loader it offers once, at module level,
 * with defineLoader; a resolver asks the request for it (`ctx.loaders.of(mediaById)`), which makes it on
 * first use. No central list knows every loader: a new domain brings its own, and a request builds
 * only those it uses.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import { BatchLoader } from './batch-loader.js'

/** A kind of loader: what it is called (for debugging) and how it loads a batch of keys. */
export interface LoaderDefinition<K, V> {
  readonly name: string
  /** Loads distinct keys; keys missing from the map load as null. `loaders` lets it prime others. */
  readonly batch: (keys: K[], loaders: RequestLoaders) => Promise<Map<K, V>>
}

/** Declares a kind of loader; call once per kind, at module level. */
export function defineLoader<K, V>(name: string, batch: (keys: K[], loaders: RequestLoaders) => Promise<Map<K, V>>): LoaderDefinition<K, V> {
  return { name, batch }
}

/** The loaders one request has made so far, by kind. */
export class RequestLoaders {
  private readonly made = new Map<LoaderDefinition<unknown, unknown>, BatchLoader<unknown, unknown>>()

  constructor(readonly db: Kysely<Tables>) {}

  /** This request's loader of a kind, made on first use. */
  of<K, V>(definition: LoaderDefinition<K, V>): BatchLoader<K, V> {
    let loader = this.made.get(definition as LoaderDefinition<unknown, unknown>) as BatchLoader<K, V> | undefined
    if (!loader) {
      loader = new BatchLoader<K, V>((keys) => definition.batch(keys, this))
      this.made.set(definition as LoaderDefinition<unknown, unknown>, loader as BatchLoader<unknown, unknown>)
    }
    return loader
  }

  /** Forgets everything loaders of these kinds hold, so that loads after a change read it anew. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any kind of loader, whatever its keys and values
  reset(...definitions: ReadonlyArray<LoaderDefinition<any, any>>): void {
    for (const definition of definitions) this.made.delete(definition)
  }
}
