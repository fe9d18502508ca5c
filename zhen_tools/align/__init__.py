"""Alignment of a Chinese source with its English translation: the aligner, bead confidence, digests."""
