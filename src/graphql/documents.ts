/** Parsed GraphQL documents by source text, so that a query a client repeats is parsed once here. */
import { parse, type DocumentNode } from 'graphql'
import { LruCache } from '../util/lru.js'

// Real client documents are a few KB (the largest seen is 2.5 KB): bigger ones are parsed every time
// rather than kept, which bounds this cache's memory whatever clients send.
const MAX_CACHED_SOURCE_LENGTH = 16 * 1024
const CAPACITY = 256

export class DocumentCache {
  private readonly documents = new LruCache<string, DocumentNode>(CAPACITY)

  /** The parsed document, or null when the source is not valid GraphQL (Mercurius reports why). */
  parse(source: string): DocumentNode | null {
    const cached = this.documents.get(source)
    if (cached) return cached
    let document: DocumentNode
    try {
      document = parse(source)
    } catch {
      return null
    }
    if (source.length <= MAX_CACHED_SOURCE_LENGTH) this.documents.set(source, document)
    return document
  }
}
