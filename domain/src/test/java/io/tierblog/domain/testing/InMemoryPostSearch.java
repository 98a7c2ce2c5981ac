package io.tierblog.domain.testing;

import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.SearchQuery;
import io.tierblog.domain.model.SearchHit;
import io.tierblog.domain.model.SearchRequest;
import io.tierblog.domain.model.SearchResults;
import io.tierblog.domain.model.Snippet;
import io.tierblog.domain.model.User;
import io.tierblog.domain.port.out.PostSearch;
import io.tierblog.domain.port.out.UserRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link PostSearch} over an {@link InMemoryPostRepository}: a simple matcher with the same
 * web-search syntax (words, {@code "phrases"}, {@code -word}, {@code OR}), a crude suffix-stripping
 * stemmer and a handful of stop words per language. Enough for the contract suite's examples; the
 * PostgreSQL adapter has the real stemmers.
 */
public class InMemoryPostSearch implements PostSearch {
    private static final int SNIPPET_WORDS = 35;
    /** pg_trgm's default {@code similarity_threshold}. */
    private static final double TRIGRAM_THRESHOLD = 0.3;
    private static final Map<Language, Set<String>> STOP_WORDS = Map.of(
            Language.ENGLISH, Set.of("a", "an", "and", "in", "is", "of", "or", "the", "to"),
            Language.DANISH, Set.of("en", "et", "er", "i", "og", "at", "til", "af", "den", "det"));
    private static final Map<Language, List<String>> SUFFIXES = Map.of(
            Language.ENGLISH, List.of("ing", "ed", "s"),
            Language.DANISH, List.of("erne", "ene", "en", "er", "et", "e"));

    private final InMemoryPostRepository posts;
    private final UserRepository users;

    public InMemoryPostSearch(InMemoryPostRepository posts, UserRepository users) {
        this.posts = posts;
        this.users = users;
    }

    @Override
    public SearchResults search(SearchRequest request) {
        Language language = request.language();
        List<List<Term>> query = parse(request.query().value(), language);
        List<Candidate> candidates = posts.all().stream()
                .filter(p -> p.language() == language)
                .map(p -> new Candidate(p, words(p.title().value(), language), words(p.body().value(), language)))
                .filter(c -> !query.isEmpty() && matches(query, c.title, c.body))
                .sorted(Comparator.comparingLong((Candidate c) -> c.post.id().value()).reversed())
                .toList();
        int total = Math.min(candidates.size(), request.candidateLimit());
        List<SearchHit> hits = candidates.subList(0, total).stream()
                .sorted(Comparator.comparing((Candidate c) -> matches(query, c.title, List.of()))
                        .thenComparingDouble(c -> score(query, c))
                        .thenComparing(c -> c.post.created())
                        .thenComparingLong(c -> c.post.id().value())
                        .reversed())
                .skip(request.offset())
                .limit(request.size())
                .map(c -> hit(c, query))
                .toList();
        return new SearchResults(hits, total, candidates.size() > total, request.page(), request.size());
    }

    @Override
    public List<String> suggestions(SearchQuery query, Language language, int limit) {
        Map<String, Integer> used = new TreeMap<>();
        for (Post post : posts.all()) {
            if (post.language() == language) {
                for (String word : typedWords(post.title().value() + " " + post.body().value())) {
                    used.merge(word, 1, Integer::sum);
                }
            }
        }
        Set<String> typed = typedWords(query.value());
        record Suggestion(String word, double similarity, int posts) {
        }
        List<Suggestion> close = new ArrayList<>();
        for (Map.Entry<String, Integer> word : used.entrySet()) {
            if (typed.contains(word.getKey()) || STOP_WORDS.get(language).contains(word.getKey())) {
                continue;
            }
            double best = typed.stream().mapToDouble(t -> similarity(t, word.getKey())).max().orElse(0);
            if (best >= TRIGRAM_THRESHOLD) {
                close.add(new Suggestion(word.getKey(), best, word.getValue()));
            }
        }
        return close.stream()
                .sorted(Comparator.comparingDouble(Suggestion::similarity).reversed()
                        .thenComparing(Comparator.comparingInt(Suggestion::posts).reversed())
                        .thenComparing(Suggestion::word))
                .limit(limit)
                .map(Suggestion::word)
                .toList();
    }

    /** The distinct words of a text as the word list keeps them: lower case, 3 to 40 letters or digits. */
    private static Set<String> typedWords(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            int length = word.codePointCount(0, word.length());
            if (length >= 3 && length <= 40) {
                words.add(word);
            }
        }
        return words;
    }

    /** pg_trgm's similarity of two words: shared trigrams of "  word " over all of them. */
    private static double similarity(String a, String b) {
        Set<String> x = trigrams(a);
        Set<String> y = trigrams(b);
        long common = x.stream().filter(y::contains).count();
        return (double) common / (x.size() + y.size() - common);
    }

    private static Set<String> trigrams(String word) {
        int[] padded = ("  " + word + " ").codePoints().toArray();
        Set<String> trigrams = new HashSet<>();
        for (int i = 0; i + 3 <= padded.length; i++) {
            trigrams.add(new String(padded, i, 3));
        }
        return trigrams;
    }

    private record Candidate(Post post, List<Word> title, List<Word> body) {
    }

    /** A word of a text: where it is, what it is, and its stem (null for a stop word). */
    private record Word(int start, int end, String stem) {
    }

    /** A phrase of stems (null: a stop word, any word fits), or its negation. */
    private record Term(List<String> stems, boolean negated) {
    }

    /** The query as clauses that must all hold, each a list of alternatives joined by OR. */
    private static List<List<Term>> parse(String text, Language language) {
        List<List<Term>> clauses = new ArrayList<>();
        boolean or = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean negated = false;
            if (c == '-') {
                negated = true;
                i++;
                if (i >= text.length()) {
                    break;
                }
                c = text.charAt(i);
            }
            String piece;
            if (c == '"') {
                int close = text.indexOf('"', i + 1);
                int end = close < 0 ? text.length() : close;
                piece = text.substring(i + 1, end);
                i = end + 1;
            } else if (Character.isLetterOrDigit(c)) {
                int end = i;
                while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                    end++;
                }
                piece = text.substring(i, end);
                i = end;
                if (!negated && piece.equalsIgnoreCase("or")) {
                    or = !clauses.isEmpty();
                    continue;
                }
            } else {
                i++;
                continue;
            }
            List<String> stems = words(piece, language).stream().map(Word::stem).toList();
            if (stems.stream().allMatch(s -> s == null)) {
                continue;
            }
            Term term = new Term(stems, negated);
            if (or) {
                clauses.get(clauses.size() - 1).add(term);
            } else {
                clauses.add(new ArrayList<>(List.of(term)));
            }
            or = false;
        }
        return clauses;
    }

    /**
     * Whether the texts satisfy every clause. A query needs a clause of words to find (not only
     * words to leave out): otherwise it would match nearly every post, and PostgreSQL could use no
     * index for it.
     */
    private static boolean matches(List<List<Term>> query, List<Word> title, List<Word> body) {
        if (query.stream().noneMatch(clause -> clause.stream().noneMatch(Term::negated))) {
            return false;
        }
        for (List<Term> clause : query) {
            boolean any = false;
            for (Term term : clause) {
                boolean found = occurs(term.stems, title) || occurs(term.stems, body);
                any |= term.negated != found;
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean occurs(List<String> phrase, List<Word> words) {
        return !positionsOf(phrase, words).isEmpty();
    }

    /** The indexes of the words where the phrase starts. */
    private static List<Integer> positionsOf(List<String> phrase, List<Word> words) {
        List<Integer> starts = new ArrayList<>();
        for (int start = 0; start + phrase.size() <= words.size(); start++) {
            boolean all = true;
            for (int k = 0; k < phrase.size() && all; k++) {
                String wanted = phrase.get(k);
                all = wanted == null || wanted.equals(words.get(start + k).stem);
            }
            if (all) {
                starts.add(start);
            }
        }
        return starts;
    }

    /** Occurrences of the query's words, the title's counting more, much as weights A and B do. */
    private static double score(List<List<Term>> query, Candidate candidate) {
        double score = 0;
        for (List<Term> clause : query) {
            for (Term term : clause) {
                if (!term.negated) {
                    score += positionsOf(term.stems, candidate.title).size()
                            + 0.4 * positionsOf(term.stems, candidate.body).size();
                }
            }
        }
        return score;
    }

    private SearchHit hit(Candidate candidate, List<List<Term>> query) {
        Post post = candidate.post;
        User author = users.findById(post.authorId()).orElseThrow();
        return new SearchHit(post.id(), post.authorId(), author.username(), post.created(), post.title(),
                post.language(), snippet(post.body().value(), candidate.body, query));
    }

    /** Up to {@value #SNIPPET_WORDS} words of the body from a little before the first match, matches marked. */
    private static Snippet snippet(String body, List<Word> words, List<List<Term>> query) {
        boolean[] marked = new boolean[words.size()];
        for (List<Term> clause : query) {
            for (Term term : clause) {
                if (!term.negated) {
                    for (int start : positionsOf(term.stems, words)) {
                        for (int k = 0; k < term.stems.size(); k++) {
                            marked[start + k] |= term.stems.get(k) != null;
                        }
                    }
                }
            }
        }
        if (words.isEmpty()) {
            return new Snippet(body.isEmpty() ? List.of() : List.of(new Snippet.Segment(body, false)));
        }
        int first = 0;
        if (words.size() > SNIPPET_WORDS) {
            int match = 0;
            while (match < marked.length && !marked[match]) {
                match++;
            }
            first = match == marked.length ? 0 : Math.max(0, Math.min(match - 5, words.size() - SNIPPET_WORDS));
        }
        int last = Math.min(words.size(), first + SNIPPET_WORDS) - 1;
        int from = first == 0 ? 0 : words.get(first).start;
        int to = last == words.size() - 1 ? body.length() : words.get(last).end;
        List<Snippet.Segment> segments = new ArrayList<>();
        int at = from;
        for (int k = first; k <= last; k++) {
            if (marked[k]) {
                Word word = words.get(k);
                if (word.start > at) {
                    segments.add(new Snippet.Segment(body.substring(at, word.start), false));
                }
                segments.add(new Snippet.Segment(body.substring(word.start, word.end), true));
                at = word.end;
            }
        }
        if (to > at) {
            segments.add(new Snippet.Segment(body.substring(at, to), false));
        }
        return new Snippet(segments);
    }

    private static List<Word> words(String text, Language language) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                end++;
            }
            String word = text.substring(i, end).toLowerCase(Locale.ROOT);
            words.add(new Word(i, end, STOP_WORDS.get(language).contains(word) ? null : stem(word, language)));
            i = end;
        }
        return words;
    }

    private static String stem(String word, Language language) {
        for (String suffix : SUFFIXES.get(language)) {
            if (word.length() > suffix.length() + 2 && word.endsWith(suffix)) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }
}
