/**
 * The markdown module: `Query.Markdown`, AniList-flavoured markdown as HTML. It renders with the same
 * TextRenderer (and cache) as every `asHtml` field, charged to the same per-request render budget, so
 * a request of many aliased previews costs what the characters it makes the server read cost.
 */
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { markdownResolvers } from './resolvers.js'

export const markdownModule: GraphqlModule = {
  name: 'markdown',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mergeResolvers(markdownResolvers),
}
