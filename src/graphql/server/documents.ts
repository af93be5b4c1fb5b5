/**
 * Parsing GraphQL documents within limits, and keeping the parsed documents by source text so that a
 * query a client repeats is parsed once. Before the parser (which recurses once per level) sees a
 * document, one pass of graphql-js's lexer counts its tokens and how deeply its brackets nest: a
 * document of thousands of nested `a{` would otherwise exhaust the stack, and a long one the CPU.
 */
import { Lexer, parse, Source, TokenKind, type DocumentNode } from 'graphql'
import { LruCache } from '../../util/lru.js'
import { GraphqlRequestError } from './errors.js'

/** The most tokens a document may hold: real clients' largest is about 400, introspection's 190. */
export const MAX_DOCUMENT_TOKENS = 5000
/** The most levels of brackets (`{`, `(`, `[`) a document may nest: real clients reach 8. */
export const MAX_DOCUMENT_NESTING = 64

// Real client documents are a few KB (the largest seen is 2.5 KB): bigger ones are parsed every time
// rather than kept, which bounds this cache's memory whatever clients send.
const MAX_CACHED_SOURCE_LENGTH = 16 * 1024
const CAPACITY = 256

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.PAREN_L, TokenKind.BRACKET_L])
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.PAREN_R, TokenKind.BRACKET_R])

/**
 * Refuses a document that is too long or nested too deeply. The lexer's own syntax errors (an
 * unterminated string, a stray character) are thrown as they come, located.
 */
function checkShape(source: Source): void {
  const lexer = new Lexer(source)
  let tokens = 0
  let nesting = 0
  // advance() skips comments, as the parser does.
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
    if (++tokens > MAX_DOCUMENT_TOKENS) throw new GraphqlRequestError(`The document is too long: more than ${MAX_DOCUMENT_TOKENS} tokens.`)
    if (OPENING.has(token.kind) && ++nesting > MAX_DOCUMENT_NESTING) {
      throw new GraphqlRequestError(`The document is nested too deeply: more than ${MAX_DOCUMENT_NESTING} levels of brackets.`)
    }
    if (CLOSING.has(token.kind)) nesting--
  }
}

export class DocumentCache {
  private readonly documents = new LruCache<string, DocumentNode>(CAPACITY)

  /**
   * The parsed document. Throws a GraphqlRequestError when it is too long or too deeply nested, and
   * graphql-js's located GraphQLError ("Syntax Error: …") when it is not valid GraphQL.
   */
  parse(text: string): DocumentNode {
    const cached = this.documents.get(text)
    if (cached) return cached
    const source = new Source(text)
    checkShape(source)
    const document = parse(source, { maxTokens: MAX_DOCUMENT_TOKENS })
    if (text.length <= MAX_CACHED_SOURCE_LENGTH) this.documents.set(text, document)
    return document
  }
}

