"""Articles from where analysts find them on the web: pages, feeds and lists of feeds.

Headless like the rest of `briefings`: `fetching` is a polite, bounded HTTP client (httpx),
`feeds` reads RSS and Atom from bytes fetched by it (feedparser never fetches anything itself),
`opml` reads and writes the lists of feeds that feed readers exchange, and `pages` turns a
fetched page into an `Article` through the same readers files go through. The library's feed
list, what was seen, and the import of what is new live in `store.feeds` and `store.fetch`.
"""
