/**
 * The XSS suite's second reader: Chromium's own HTML parser. Every hostile input (hostile-inputs.ts),
 * in every context, is rendered by both renderers and parsed by the browser (DOMParser, the parser a
 * page uses), and the resulting elements are checked: only the tags and attributes the renderers
 * write, no event handler, every link, image and video address an absolute http(s) URL as the
 * browser resolves it, and no element left open to swallow what follows on the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { createMarkdown, renderMarkdown } from '../../src/markdown/markdown.js'
import { descriptionToHtml } from '../../src/markdown/description-html.js'
import { launchChromium } from '../helpers/chromium.js'
import { runsBrowserTests } from '../helpers/site-browser.js'
import { CONTEXTS, HOSTILE } from './hostile-inputs.js'

// The little of the DOM the check uses (the TypeScript setup has no DOM library; it runs in Chromium).
interface DomAttribute { name: string; value: string }
interface DomElement {
  tagName: string
  namespaceURI: string | null
  parentElement: DomElement | null
  innerHTML: string
  attributes: ArrayLike<DomAttribute>
  hasAttribute(name: string): boolean
  getAttribute(name: string): string | null
}
interface DomDocument {
  body: DomElement & { querySelectorAll(selector: string): ArrayLike<DomElement> }
  getElementById(id: string): DomElement | null
}
declare const DOMParser: new () => { parseFromString(html: string, type: string): DomDocument }

const ALLOWED: Record<string, string[]> = {
  P: [], BR: [], HR: [], STRONG: [], EM: [], DEL: [], B: [], I: [], CODE: [], PRE: [], BLOCKQUOTE: [], UL: [], LI: [],
  H1: [], H2: [], H3: [], H4: [], H5: [], H6: [], CENTER: [], OL: ['start'], SPAN: ['class'],
  A: ['href', 'rel', 'target', 'title'], IMG: ['src', 'alt', 'width', 'title'], VIDEO: ['muted', 'loop', 'controls'], SOURCE: ['src', 'type'],
}

/** Parses each HTML in the page's browser and lists what is wrong with its elements (runs in Chromium). */
function problemsInBrowser(args: { htmls: string[]; allowed: Record<string, string[]> }): string[][] {
  return args.htmls.map((html) => {
    const problems: string[] = []
    // A sentinel after the HTML: unless it ends up a plain paragraph of the body, something stayed open
    // (a formatting element left open is opened again around the sentinel's text).
    const doc = new DOMParser().parseFromString(`<body>${html}<p id="kiroku-end">end</p></body>`, 'text/html')
    const end = doc.getElementById('kiroku-end')
    if (!end || end.parentElement !== doc.body || end.innerHTML !== 'end') problems.push('an element stays open after the HTML')
    for (const element of Array.from(doc.body.querySelectorAll('*')) as DomElement[]) {
      if (element === end) continue
      const allowed = args.allowed[element.tagName]
      if (!allowed || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
        problems.push(`the element ${element.tagName}`)
        continue
      }
      for (const attribute of Array.from(element.attributes) as DomAttribute[]) {
        if (!allowed.includes(attribute.name)) problems.push(`${element.tagName} ${attribute.name}="${attribute.value}"`)
      }
      if (element.tagName === 'SPAN' && element.hasAttribute('class') && element.getAttribute('class') !== 'markdown_spoiler') problems.push(`a class ${element.getAttribute('class')}`)
      for (const name of ['href', 'src']) {
        const value = element.getAttribute(name)
        if (value === null) continue
        let protocol = ''
        try {
          protocol = new URL(value).protocol
        } catch {
          protocol = 'not absolute'
        }
        if (protocol !== 'http:' && protocol !== 'https:') problems.push(`${element.tagName} ${name}="${value}" (${protocol})`)
      }
    }
    return problems
  })
}

describe.runIf(runsBrowserTests)('hostile markdown, read by Chromium', () => {
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage()
  })
  afterAll(async () => browser?.close())

  const md = createMarkdown({ publicUrl: 'https://kiroku.example' })
  const cases: Array<{ label: string; html: string }> = []
  for (const [name, input] of Object.entries(HOSTILE)) {
    for (const [where, wrap] of Object.entries(CONTEXTS)) cases.push({ label: `markdown: ${name}, ${where}`, html: renderMarkdown(md, wrap(input)) })
    cases.push({ label: `description: ${name}`, html: descriptionToHtml(input) })
  }

  it(`parses all ${cases.length} outputs into the renderers' own elements only`, async () => {
    const results = await page.evaluate(problemsInBrowser, { htmls: cases.map((c) => c.html), allowed: ALLOWED })
    const failures = cases.flatMap((c, i) => (results[i]!.length > 0 ? [`${c.label}: ${results[i]!.join('; ')} in ${JSON.stringify(c.html)}`] : []))
    expect(failures).toEqual([])
  })

  it('catches what it must catch', async () => {
    const unsafe = ['<img src=x onerror=alert(1)>', '<a href="&#106;avascript:alert(1)">x</a>', '<svg><a href="https://e.com/">x</a></svg>', '<p><b>open', "<span class='x'>y</span>", '<a href="">x</a>']
    const results = await page.evaluate(problemsInBrowser, { htmls: unsafe, allowed: ALLOWED })
    for (const [i, problems] of results.entries()) expect(problems, unsafe[i]).not.toEqual([])
  })
})
