/** Query.AniChartUser and the two AniChart mutations: the viewer's own data, a token required. */
import { aniChartOf, updateAniChartHighlights, updateAniChartSettings } from '../../../accounts/anichart.js'
import { UnauthorizedError } from '../../../errors/refusals.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'

function viewer(ctx: GraphqlContext): number {
  const id = viewerId(ctx)
  if (id === null) throw new UnauthorizedError()
  return id
}

interface SettingsArgs {
  titleLanguage?: string | null
  outgoingLinkProvider?: string | null
  theme?: string | null
  sort?: string | null
}

interface HighlightsArgs {
  highlights?: ReadonlyArray<{ mediaId?: number | null; highlight?: string | null } | null> | null
}

export const aniChartResolvers = {
  Query: {
    async AniChartUser(_root: unknown, _args: unknown, ctx: GraphqlContext) {
      const id = viewer(ctx)
      const [user, data] = await Promise.all([ctx.kiroku.users.byId(id), aniChartOf(ctx.kiroku.db, id)])
      return { user, ...data }
    },
  },
  Mutation: {
    UpdateAniChartSettings: (_root: unknown, args: SettingsArgs, ctx: GraphqlContext) =>
      updateAniChartSettings(ctx.kiroku.db, ctx.kiroku.clock, viewer(ctx), args),
    UpdateAniChartHighlights: (_root: unknown, args: HighlightsArgs, ctx: GraphqlContext) =>
      updateAniChartHighlights(ctx.kiroku.db, ctx.kiroku.clock, viewer(ctx), args.highlights ?? []),
  },
}
