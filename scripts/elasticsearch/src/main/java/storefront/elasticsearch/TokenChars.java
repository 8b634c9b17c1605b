package storefront.elasticsearch;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The `token_chars` setting of the n-gram tokenizers: the character classes kept inside a
 * token; any other character splits tokens. No classes: every character is kept.
 */
enum TokenChars {
    LETTER,
    DIGIT,
    WHITESPACE,
    PUNCTUATION,
    SYMBOL;

    static Classes parse(List<String> names) {
        EnumSet<TokenChars> classes = EnumSet.noneOf(TokenChars.class);
        for (String name : names) {
            try {
                classes.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    "[token_chars]: unknown character class [" + name + "]; use letter, digit, whitespace, punctuation or symbol"
                );
            }
        }
        return new Classes(classes);
    }

    boolean matches(int codePoint) {
        return switch (this) {
            case LETTER -> Character.isLetter(codePoint);
            case DIGIT -> Character.isDigit(codePoint);
            case WHITESPACE -> Character.isWhitespace(codePoint);
            case PUNCTUATION -> switch (Character.getType(codePoint)) {
                case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
                default -> false;
            };
            case SYMBOL -> switch (Character.getType(codePoint)) {
                case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
                default -> false;
            };
        };
    }

    record Classes(Set<TokenChars> kept) {
        boolean isTokenChar(int codePoint) {
            return kept.isEmpty() || kept.stream().anyMatch(tokenChars -> tokenChars.matches(codePoint));
        }

        Tokenizer edgeNGramTokenizer(int minGram, int maxGram) {
            return new EdgeNGramTokenizer(minGram, maxGram) {
                @Override
                protected boolean isTokenChar(int codePoint) {
                    return Classes.this.isTokenChar(codePoint);
                }
            };
        }
    }
}
