package storefront.elasticsearch;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;

import java.io.Reader;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The analysis components the storefront's indices use, under the names and settings of
 * Elasticsearch's analysis-common module (which is not published to Maven Central): the
 * English and Italian analyzers and the filters and tokenizers to build custom ones (folding,
 * elision, stemmers, edge n-grams for completion-as-you-type). Each is Lucene's own class.
 */
public class LanguageAnalysisPlugin extends Plugin implements AnalysisPlugin {

    /** Italian articles and prepositions elided before a vowel ("l'acqua", "dell'olio"). */
    static final List<String> ITALIAN_ARTICLES = List.of(
        "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell",
        "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"
    );

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of(
            "english", languageAnalyzer((stopWords, stemExclusion) -> new EnglishAnalyzer(stopWords, stemExclusion), EnglishAnalyzer.getDefaultStopSet()),
            "italian", languageAnalyzer((stopWords, stemExclusion) -> new ItalianAnalyzer(stopWords, stemExclusion), ItalianAnalyzer.getDefaultStopSet())
        );
    }

    /** A language analyzer with the `stopwords` (or `stopwords_path`) and `stem_exclusion` settings. */
    private static AnalysisProvider<AnalyzerProvider<? extends Analyzer>> languageAnalyzer(
        BiFunction<CharArraySet, CharArraySet, Analyzer> build,
        CharArraySet defaultStopWords
    ) {
        return (indexSettings, environment, name, settings) -> {
            Analyzer analyzer = build.apply(
                Analysis.parseStopWords(environment, settings, defaultStopWords),
                Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET)
            );
            return new AbstractIndexAnalyzerProvider<>(name, settings) {
                @Override
                public Analyzer get() {
                    return analyzer;
                }
            };
        };
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "asciifolding", (indexSettings, environment, name, settings) -> {
                boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
                return tokenFilter(name, stream -> new ASCIIFoldingFilter(stream, preserveOriginal));
            },
            "elision", (indexSettings, environment, name, settings) -> {
                CharArraySet articles = elisionArticles(environment, settings);
                return tokenFilter(name, stream -> new ElisionFilter(stream, articles));
            },
            "stemmer", (indexSettings, environment, name, settings) -> tokenFilter(name, stemmer(settings.get("language", settings.get("name", "english")))),
            "porter_stem", (indexSettings, environment, name, settings) -> tokenFilter(name, PorterStemFilter::new),
            "kstem", (indexSettings, environment, name, settings) -> tokenFilter(name, KStemFilter::new),
            "edge_ngram", (indexSettings, environment, name, settings) -> {
                int minGram = settings.getAsInt("min_gram", 1);
                int maxGram = settings.getAsInt("max_gram", 2);
                boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
                return tokenFilter(name, stream -> new EdgeNGramTokenFilter(stream, minGram, maxGram, preserveOriginal));
            },
            "ngram", (indexSettings, environment, name, settings) -> {
                int minGram = settings.getAsInt("min_gram", 1);
                int maxGram = settings.getAsInt("max_gram", 2);
                boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
                return tokenFilter(name, stream -> new NGramTokenFilter(stream, minGram, maxGram, preserveOriginal));
            }
        );
    }

    /** The `articles` (or `articles_path`) setting; without it the Italian articles, in any case ("L'acqua"). */
    private static CharArraySet elisionArticles(Environment environment, Settings settings) {
        CharArraySet articles = Analysis.parseArticles(environment, settings);
        return articles != null ? articles : new CharArraySet(ITALIAN_ARTICLES, true);
    }

    /** The `stemmer` filter's languages, as Elasticsearch names them. */
    static UnaryOperator<TokenStream> stemmer(String language) {
        return switch (language) {
            case "english", "porter" -> PorterStemFilter::new;
            case "light_english", "kstem" -> KStemFilter::new;
            case "minimal_english" -> EnglishMinimalStemFilter::new;
            case "possessive_english" -> EnglishPossessiveFilter::new;
            case "porter2" -> stream -> new SnowballFilter(stream, new EnglishStemmer());
            case "italian" -> stream -> new SnowballFilter(stream, new ItalianStemmer());
            case "light_italian" -> ItalianLightStemFilter::new;
            default -> throw new IllegalArgumentException(
                "stemmer [language]: unknown language [" + language + "]; use english, light_english, minimal_english, "
                    + "possessive_english, porter, porter2, italian or light_italian"
            );
        };
    }

    private static TokenFilterFactory tokenFilter(String name, UnaryOperator<TokenStream> filter) {
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                return filter.apply(tokenStream);
            }
        };
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "edge_ngram", (indexSettings, environment, name, settings) -> {
                int minGram = settings.getAsInt("min_gram", 1);
                int maxGram = settings.getAsInt("max_gram", 2);
                TokenChars.Classes tokenChars = TokenChars.parse(settings.getAsList("token_chars"));
                return TokenizerFactory.newFactory(name, () -> tokenChars.edgeNGramTokenizer(minGram, maxGram));
            },
            "keyword", (indexSettings, environment, name, settings) -> TokenizerFactory.newFactory(name, KeywordTokenizer::new),
            "whitespace", (indexSettings, environment, name, settings) -> TokenizerFactory.newFactory(name, WhitespaceTokenizer::new)
        );
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of("html_strip", (indexSettings, environment, name, settings) -> new CharFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Reader create(Reader reader) {
                return new HTMLStripCharFilter(reader);
            }
        });
    }
}
