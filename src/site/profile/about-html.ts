/**
 * A profile's about text as the page shows it: the markdown renderer's safe HTML (the one GraphQL's
 * User.about(asHtml) uses), with every picture or video on another host turned into a plain link to
 * it. Pages load nothing from other hosts (CSP img-src 'self', no media-src): an <img> pointing
 * elsewhere would only be a broken picture and a CSP error in the console.
 *
 * The input is the renderer's own output, where user text is escaped (no literal "<" or ">" survives,
 * in text or in attribute values), so every "<img" or "<video" in it is a tag the renderer made.
 */
import { localPicture } from './pictures.js'

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" }

function decode(value: string): string {
  return value.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity]!)
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}=(["'])(.*?)\\1`).exec(tag)
  return match ? decode(match[2]!) : null
}

function linkTo(url: string | null, text: string): string {
  if (!url || !/^https?:\/\//i.test(url)) return escape(text)
  return `<a href="${escape(url)}" rel="noopener noreferrer nofollow" class="external-media">${escape(text)}</a>`
}

/** The about HTML with remote pictures and videos as links; pictures on this server stay. */
export function aboutHtml(html: string, publicUrl: string): string {
  return html
    .replace(/<video\b[^>]*>[\s\S]*?<\/video>/g, (video) => {
      const source = /<source\b[^>]*>/.exec(video)?.[0] ?? ''
      return linkTo(attribute(source, 'src'), 'Video')
    })
    .replace(/<img\b[^>]*>/g, (img) => {
      const src = attribute(img, 'src')
      const local = localPicture(src, publicUrl)
      if (local !== null) return img
      const alt = attribute(img, 'alt')
      return linkTo(src, alt ? `Picture: ${alt}` : 'Picture')
    })
}
