"""Text: decoding, character classes, language spans, sentences and words, names, pinyin, numbers."""
