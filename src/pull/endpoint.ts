/** AniList's public GraphQL endpoint: where `kiroku pull` reads from unless told another. */
export const DEFAULT_ENDPOINT = 'https://graphql.anilist.co'
