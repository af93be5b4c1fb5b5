#!/usr/bin/env node
// Time per KB of the text renderer (src/markdown) from 1 KB to 64 KB, for inputs built to be hard on a
// markdown renderer (unclosed delimiters, deep nesting, long runs) and for ordinary text. Linear time
// shows as a flat row: the last column divides the 64 KB time per KB by the 1 KB one (about 1 is linear;
// a quadratic renderer doubles it with every doubling of the size, about 64 here).
// Usage: npm run bench:markdown [-- --only NAME]. Builds first, then runs dist/ in this process.
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const argv = process.argv.slice(2)
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined

execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
const { createMarkdown, renderMarkdown } = await import(path.join(root, 'dist/markdown/markdown.js'))
const { descriptionToHtml } = await import(path.join(root, 'dist/markdown/description-html.js'))
const md = createMarkdown({ publicUrl: 'http://localhost:8080' })
const markdown = (text) => renderMarkdown(md, text)

/** A text of exactly `size` characters: `unit` repeated. */
const fill = (unit, size) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size)
const INPUTS = {
  'unclosed _': (n) => fill('_a ', n),
  'unclosed *': (n) => fill('*a ', n),
  'unclosed **': (n) => fill('**a ', n),
  'unclosed ~!': (n) => fill('~!a ', n),
  'unclosed ~~': (n) => fill('~~a ', n),
  'unclosed !~': (n) => fill('!~a ', n),
  'tilde run': (n) => fill('~', n),
  'bare URL starts': (n) => fill('https:// ', n),
  'unclosed [': (n) => fill('[a ', n),
  'unclosed [ per line': (n) => fill('[a\n', n),
  'nested [[': (n) => fill('[', n / 2) + fill(']', n / 2),
  'link openers': (n) => fill('[a](', n),
  'image openers': (n) => fill('![a](', n),
  'backticks': (n) => fill('`a ``b ', n),
  'unclosed img(': (n) => fill('img(', n),
  '~~~ lines': (n) => fill('~~~a\n', n),
  'nested >': (n) => fill('>', n),
  'one-line paragraphs': (n) => fill('a\n\n', n),
  'nested lists': (n) => Array.from({ length: n / 8 }, (_, i) => `${' '.repeat((i % 40) * 2)}- a`).join('\n').slice(0, n),
  'entities': (n) => fill('&#x', n),
  'angle brackets': (n) => fill('<a ', n),
  'mixed': (n) => fill('_a *b ~~c ~!d [e `f img( ', n),
  'mentions': (n) => fill('@ab ', n),
  'at signs': (n) => fill('@', n),
  'unclosed img###(': (n) => fill('img9999999(', n),
  'spaced img ### (': (n) => fill('img 220 (', n),
  'ordinary': (n) => fill('I like **anime** and _manga_. ~!Spoiler!~ [my list](https://example.com/list)\n', n),
  'description: ~!': (n) => fill('~!a ', n),
  'description: tags': (n) => fill('<b>a</b><br><i', n),
  'description: crossed tags': (n) => fill('<b>~!a</b>b!~ <i>', n),
  'description: ordinary': (n) => fill('A <b>short</b> series.<br>\n~!The twist!~ __Hero__ wins.\n', n),
}

const SIZES = [1, 2, 4, 8, 16, 32, 64].map((kb) => kb * 1024)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Microseconds per KB to render `text`, the median of runs that together take at least ~50 ms. */
function usPerKb(render, text) {
  render(text) // warm-up
  const times = []
  let total = 0
  while (times.length < 5 || total < 50) {
    const started = process.hrtime.bigint()
    const html = render(text)
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    if (html.includes('\u0000')) throw new Error('NUL in output')
    times.push(ms)
    total += ms
  }
  return (median(times) * 1000) / (text.length / 1024)
}

console.log(`text renderer, µs per KB, median of runs, Node ${process.version}`)
console.log('input'.padEnd(24) + SIZES.map((s) => `${s / 1024} KB`.padStart(8)).join('') + '  64/1')
for (const [name, build] of Object.entries(INPUTS)) {
  if (only && !name.includes(only)) continue
  const render = name.startsWith('description') ? descriptionToHtml : markdown
  const row = SIZES.map((size) => usPerKb(render, build(size)))
  console.log(name.padEnd(24) + row.map((us) => us.toFixed(1).padStart(8)).join('') + (row.at(-1) / row[0]).toFixed(2).padStart(7))
}
