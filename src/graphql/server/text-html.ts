/** Text fields with `asHtml: true`: rendered by the server's TextRenderer and charged to the request. */
import type { TextFlavour } from '../../markdown/text-renderer.js'
import type { GraphqlContext } from './context.js'
import { KirokuError } from '../../errors/kiroku-error.js'

/** The 400 a request gets for each further text once it has rendered its budget of characters. */
export class RenderBudgetSpent extends KirokuError {
  readonly code = 'render_budget'
  override readonly status = 400
  constructor(limit: number) {
    super(`Too much text to render as HTML in one request: at most ${limit} characters. Ask for fewer fields with asHtml: true.`)
  }
}

/** The text as safe HTML, charged to the request's render budget; a 400 when the budget is spent. */
export function textAsHtml(ctx: GraphqlContext, flavour: TextFlavour, text: string): string {
  const html = ctx.kiroku.textRenderer.render(flavour, text, ctx.renderBudget)
  if (html === null) throw new RenderBudgetSpent(ctx.renderBudget.limit)
  return html
}
