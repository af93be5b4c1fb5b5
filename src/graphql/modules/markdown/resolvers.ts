/** Query.Markdown: a text rendered by the server's one markdown renderer, for previews. */
import { UnauthorizedError, ValidationError } from '../../../errors/refusals.js'
import { viewerId } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import { textAsHtml } from '../../server/text-html.js'

/**
 * The longest markdown Query.Markdown renders, in characters (UTF-16 code units, as every text
 * limit of Kiroku's). Four times the longest about (5,000) and more than any activity or reply needs,
 * while five of them fit the default render budget of one request (MAX_RENDERED_CHARS, 100,000).
 */
export const MAX_MARKDOWN_LENGTH = 20_000

/** What Query.Markdown answers: the HTML, under ParsedMarkdown's one field. */
export interface ParsedMarkdown {
  html: string
}

const Query: TypeResolvers<'Query', unknown> = {
  Markdown(_root, args, ctx): ParsedMarkdown {
    // As on AniList, the preview is for logged-in writers: rendering is work done for the asker.
    if (viewerId(ctx) === null) throw new UnauthorizedError()
    const { markdown } = args
    if (markdown.length > MAX_MARKDOWN_LENGTH) throw new ValidationError({ markdown: [`The markdown may not be greater than ${MAX_MARKDOWN_LENGTH} characters.`] })
    return { html: textAsHtml(ctx, 'markdown', markdown) }
  },
}

export const markdownResolvers = { Query }
