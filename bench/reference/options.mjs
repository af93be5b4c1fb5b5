// The reference run's command line. Every bad value is refused with a message, before anything starts.
import path from 'node:path'
import { option } from '../lib/resolve.mjs'

export const USAGE = `npm run bench -- [--duration S] [--connections N] [--only NAME] [--quick]
  [--kiroku DIR] [--compare DIR] [--database postgres://…] [--media N] [--no-build] [--no-statements] [--write]`

const KNOWN = new Set(['--duration', '--connections', '--only', '--quick', '--kiroku', '--compare', '--database', '--media', '--no-build', '--no-statements', '--write', '--help'])
const FLAGS = new Set(['--quick', '--no-build', '--no-statements', '--write', '--help'])

function positive(name, text, integer) {
  const n = Number(text)
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}, not ${text}`)
  return n
}

export function parseOptions(argv, root) {
  for (let i = 0; i < argv.length; i++) {
    if (!KNOWN.has(argv[i])) throw new Error(`unknown option ${argv[i]}\nusage: ${USAGE}`)
    if (!FLAGS.has(argv[i])) i++
  }
  const quick = argv.includes('--quick')
  const media = positive('--media', option(argv, '--media', quick ? '600' : '8000'), true)
  return {
    help: argv.includes('--help'),
    quick,
    duration: positive('--duration', option(argv, '--duration', quick ? '2' : '8'), false),
    warmup: quick ? 1 : 2,
    connections: positive('--connections', option(argv, '--connections', '16'), true),
    only: option(argv, '--only', null),
    kiroku: path.resolve(option(argv, '--kiroku', root)),
    compare: option(argv, '--compare', null) && path.resolve(option(argv, '--compare')),
    database: option(argv, '--database', null),
    build: !argv.includes('--no-build'),
    statements: !argv.includes('--no-statements'),
    write: argv.includes('--write'),
    catalog: {
      media,
      // Two list sizes, the larger five times the smaller, both within the catalog.
      lists: quick ? [100, 500] : [Math.min(1000, Math.floor(media / 5)), Math.min(5000, media)],
      sequentialRequests: quick ? 30 : 200,
    },
  }
}
