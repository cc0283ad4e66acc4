"""Reading drafts: finding them on disk, bounded reads, decoding bytes, Word documents."""
