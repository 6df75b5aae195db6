// ReferenceMatchers: see README.md, Architecture. Filled in by its issue.
