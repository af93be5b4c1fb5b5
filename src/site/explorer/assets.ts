/**
 * The explorer's third-party files, served by Kiroku from node_modules (graphiql 3's prebuilt UMD
 * bundle and React 18's UMD builds): no CDN, nothing fetched from elsewhere at run time, and no
 * bundler at build time. Only the files named here are served, looked up by exact name, so no
 * request can reach any other file. Each name carries its package's version, so a file never
 * changes under its URL and may be cached for a year.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

interface AssetSource {
  pkg: 'graphiql' | 'react' | 'react-dom'
  /** The file inside the package. */
  file: string
  /** The served name, `{version}` replaced by the package's version. */
  name: string
  type: string
}

const SOURCES: readonly AssetSource[] = [
  { pkg: 'react', file: 'umd/react.production.min.js', name: 'react-{version}.min.js', type: 'text/javascript; charset=utf-8' },
  { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', name: 'react-dom-{version}.min.js', type: 'text/javascript; charset=utf-8' },
  { pkg: 'graphiql', file: 'dist/index.umd.js', name: 'graphiql-{version}.min.js', type: 'text/javascript; charset=utf-8' },
  { pkg: 'graphiql', file: 'dist/style.css', name: 'graphiql-{version}.min.css', type: 'text/css; charset=utf-8' },
]

export interface ExplorerAsset {
  name: string
  type: string
  /** Where the file is on disk. */
  file: string
}

/** The served files by name; a package's folder is found through its package.json (exported by all three). */
export const EXPLORER_ASSETS: ReadonlyMap<string, ExplorerAsset> = new Map(
  SOURCES.map((source) => {
    const manifest = require.resolve(`${source.pkg}/package.json`)
    const { version } = require(manifest) as { version: string }
    const name = source.name.replace('{version}', version)
    return [name, { name, type: source.type, file: path.join(path.dirname(manifest), source.file) }] as const
  }),
)

/** The URL path every asset is served under. */
export const EXPLORER_ASSET_PREFIX = '/graphiql/assets/'

/** The URL of the asset whose served name starts with `prefix` ('react-dom-', 'graphiql-'…) and ends with `suffix`. */
export function explorerAssetUrl(prefix: string, suffix: string): string {
  for (const name of EXPLORER_ASSETS.keys()) {
    if (name.startsWith(prefix) && name.endsWith(suffix) && /^\d/.test(name.slice(prefix.length))) return EXPLORER_ASSET_PREFIX + name
  }
  throw new Error(`no explorer asset ${prefix}*${suffix}`)
}

const contents = new Map<string, Promise<Buffer>>()

/** The asset's bytes, read once and kept (about 1.5 MB for all four). */
export function readExplorerAsset(asset: ExplorerAsset): Promise<Buffer> {
  let read = contents.get(asset.name)
  if (!read) {
    read = fs.readFile(asset.file)
    // A failed read is not kept: the next request tries again.
    read.catch(() => contents.delete(asset.name))
    contents.set(asset.name, read)
  }
  return read
}
