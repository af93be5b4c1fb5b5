import { describe, expect, it } from 'vitest'
import { TextRenderer } from '../../src/markdown/text-renderer.js'
import { RenderBudget } from '../../src/markdown/render-budget.js'
import { RenderCache } from '../../src/markdown/render-cache.js'

describe('render budget', () => {
  it('takes characters until the limit, and refuses what does not fit without taking it', () => {
    const budget = new RenderBudget(10)
    expect(budget.spend(6)).toBe(true)
    expect(budget.spend(5)).toBe(false)
    expect(budget.used).toBe(6)
    expect(budget.spend(4)).toBe(true)
    expect(budget.spend(1)).toBe(false)
  })

  it('has no limit at 0', () => {
    const budget = new RenderBudget(0)
    expect(budget.spend(10_000_000)).toBe(true)
  })
})

describe('render cache', () => {
  it('forgets the least recently used entries once it holds more characters than its capacity', () => {
    const cache = new RenderCache(160)
    const letters = 'abcdefghij'.split('')
    for (const c of letters) cache.set(c.repeat(4), `<p>${c.repeat(4)}</p>`) // 15 characters each: 150 held
    expect(cache.size).toBe(150)
    expect(cache.get('aaaa')).toBe('<p>aaaa</p>') // now the most recent
    cache.set('kkkk', '<p>kkkk</p>') // 165 > 160: bbbb, the least recently used, goes
    expect(cache.get('bbbb')).toBeUndefined()
    expect(cache.get('aaaa')).toBe('<p>aaaa</p>')
    expect(cache.get('kkkk')).toBe('<p>kkkk</p>')
    expect(cache.size).toBe(150)
  })

  it('keeps no entry larger than an eighth of its capacity', () => {
    const cache = new RenderCache(80)
    cache.set('x'.repeat(6), 'y'.repeat(5))
    expect(cache.get('x'.repeat(6))).toBeUndefined()
    expect(cache.size).toBe(0)
  })
})

describe('text renderer', () => {
  it('charges a render by the length of its text, and a cached text nothing', () => {
    const renderer = new TextRenderer({ publicUrl: 'https://kiroku.example' })
    const budget = new RenderBudget(100)
    const text = '**sixty** characters of markdown, give or take a few more...'
    const html = renderer.render('markdown', text, budget)
    expect(html).toBe('<p><strong>sixty</strong> characters of markdown, give or take a few more...</p>')
    expect(budget.used).toBe(text.length)
    expect(renderer.render('markdown', text, budget)).toBe(html)
    expect(budget.used).toBe(text.length)
    // Another request, another budget: the cached text is still free.
    const next = new RenderBudget(1)
    expect(renderer.render('markdown', text, next)).toBe(html)
    expect(next.used).toBe(0)
  })

  it('answers null, rendering nothing, when the budget cannot pay', () => {
    const renderer = new TextRenderer({ publicUrl: 'https://kiroku.example' })
    const budget = new RenderBudget(10)
    expect(renderer.render('markdown', 'eleven char', budget)).toBeNull()
    expect(budget.used).toBe(0)
    expect(renderer.render('markdown', 'ten chars!', budget)).toBe('<p>ten chars!</p>')
  })

  it('keeps the flavours apart: the same text is markdown in one and a description in the other', () => {
    const renderer = new TextRenderer({ publicUrl: 'https://kiroku.example' })
    const budget = new RenderBudget(0)
    expect(renderer.render('markdown', '*a*\nb', budget)).toBe('<p><em>a</em><br>\nb</p>')
    expect(renderer.render('description', '*a*\nb', budget)).toBe('*a*<br>\nb')
  })
})
