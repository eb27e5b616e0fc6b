// Placeholder so the package builds before the catalogue module lands; delete when adding real files.
