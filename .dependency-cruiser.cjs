/**
 * The import rules of the house, checked by test/architecture.test.ts on every `npm test`:
 * no import circles at all (type-only imports included), folders import only the layers below them,
 * and a GraphQL module imports only the modules listed before it (graphql/modules/index.ts).
 * docs/architecture.md explains the layers.
 */

// From the ground up. A folder may import its own layer's files and those of lower layers.
const LAYERS = [
  ['util', 'errors'],
  ['storage', 'query', 'markdown'],
  ['web', 'ops', 'cluster'],
  ['catalog'],
  ['people'],
  ['accounts'],
  ['lists'],
  ['social'],
  ['community'],
  ['oauth'],
  ['demo', 'graphql', 'site', 'pull'],
  ['app'],
  ['cli'],
]
// Every layer may name the configuration and the app context: they are the types routes receive.
const FOUNDATION = '^src/app/(config|app-context)\\.ts$'

// The GraphQL modules in their registration order.
const MODULES = ['base', 'users', 'media', 'studios', 'airing', 'people', 'lists', 'statistics', 'trends', 'favourites', 'settings', 'markdown', 'follows', 'notifications', 'activities', 'reviews', 'recommendations', 'forum', 'community']

const folders = (names) => `^src/(${names.join('|')})/`

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.join('-')}`,
  comment: `${layer.join(', ')} must not import the layers above: ${LAYERS.slice(i + 1).flat().join(', ')}`,
  severity: 'error',
  from: { path: folders(layer) },
  to: { path: folders(LAYERS.slice(i + 1).flat()), pathNot: FOUNDATION },
}))

const moduleRules = MODULES.slice(0, -1).map((name, i) => ({
  name: `graphql-module-${name}`,
  comment: `the ${name} module must not import the modules registered after it: ${MODULES.slice(i + 1).join(', ')}`,
  severity: 'error',
  from: { path: `^src/graphql/modules/${name}/` },
  to: { path: `^src/graphql/modules/(${MODULES.slice(i + 1).join('|')})/` },
}))

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'files must not import each other in a circle', severity: 'error', from: {}, to: { circular: true } },
    ...layerRules,
    ...moduleRules,
    {
      name: 'graphql-server-below-modules',
      comment: 'the GraphQL server part knows no domain module: modules are handed to it',
      severity: 'error',
      from: { path: '^src/graphql/server/' },
      to: { path: '^src/graphql/(modules/|schema\\.ts)' },
    },
  ],
  options: {
    // TypeScript 7 ships no compiler API; swc reads the TypeScript sources instead.
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/views/' },
  },
}
