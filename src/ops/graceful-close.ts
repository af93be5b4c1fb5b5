/**
 * Shutting down without cutting anyone off. Closing the server stops accepting connections and waits
 * for open ones to end; but a keep-alive connection whose request finishes after the close began would
 * otherwise stay open, idle, for the whole keep-alive timeout (72 s), holding the shutdown back until
 * an orchestrator kills the process. So every response sent once closing has begun says
 * `Connection: close`, and the client hangs up as soon as it has its answer.
 */
import type { FastifyInstance } from 'fastify'

export function registerGracefulClose(app: FastifyInstance): void {
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close')
    return payload
  })
}
