"""The Chinese text layer every stage shares: characters, numerals, sentences, words, patterns.

Stages import from here instead of keeping their own copies, so that a fix to how a numeral is
read or where a sentence ends reaches every stage at once.
"""
