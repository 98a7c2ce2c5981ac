package io.tierblog.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.rules.SecurityRule;
import io.tierblog.domain.exception.DataTierUnavailableException;
import io.tierblog.domain.exception.InvalidInputException;
import io.tierblog.domain.model.IndexPage;
import io.tierblog.domain.model.IndexedPost;
import io.tierblog.domain.model.PostCursor;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.PostSummary;
import io.tierblog.domain.port.in.DeletePostCommand;
import io.tierblog.domain.port.in.DeletePostUseCase;
import io.tierblog.domain.port.in.EditPostCommand;
import io.tierblog.domain.port.in.EditPostUseCase;
import io.tierblog.domain.port.in.GetPostForEditQuery;
import io.tierblog.domain.port.in.GetPostQuery;
import io.tierblog.domain.port.in.ListPostsQuery;
import io.tierblog.domain.port.in.PublishPostCommand;
import io.tierblog.domain.port.in.PublishPostUseCase;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The posts: flaskr's blog blueprint, plus keyset pagination of the index. Every change passes
 * the same guards in the same order: logged in (Micronaut Security, else a redirect to the log-in
 * page), the post exists (404), the viewer wrote it (403), then the form is valid.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class BlogController {
    static final String PUBLISHED = "Your post was published.";
    static final String UPDATED = "Your post was updated.";
    static final String DELETED = "Post deleted.";
    static final String NOT_SAVED =
            "The database is unavailable right now, so your post was not saved. Please try again in a moment.";
    static final String POSTS_UNAVAILABLE =
            "Posts cannot be loaded right now because the database is unavailable. Please try again in a moment.";
    static final String INDEX_VIEW = "blog/index";
    static final String BAD_CURSOR = "That page of posts does not exist. Start again from the newest posts.";

    private final ListPostsQuery listPosts;
    private final PublishPostUseCase publishPost;
    private final GetPostForEditQuery getPostForEdit;
    private final GetPostQuery getPost;
    private final EditPostUseCase editPost;
    private final DeletePostUseCase deletePost;
    private final Pages pages;
    private final IndexArticles articles;

    BlogController(ListPostsQuery listPosts, PublishPostUseCase publishPost, GetPostForEditQuery getPostForEdit,
                   GetPostQuery getPost, EditPostUseCase editPost, DeletePostUseCase deletePost, Pages pages,
                   IndexArticles articles) {
        this.listPosts = listPosts;
        this.publishPost = publishPost;
        this.getPostForEdit = getPostForEdit;
        this.getPost = getPost;
        this.editPost = editPost;
        this.deletePost = deletePost;
        this.pages = pages;
        this.articles = articles;
    }

    @Get("/")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> index(HttpRequest<?> request, @Nullable Authentication authentication,
                               @Nullable @QueryValue String after) {
        PostPageRequest pageRequest = after == null || after.isEmpty()
                ? PostPageRequest.first()
                : PostPageRequest.after(IndexCursor.parse(after)
                        .orElseThrow(() -> new RequestRefusedException(HttpStatus.BAD_REQUEST, BAD_CURSOR)));
        Optional<Viewer> viewer = Viewer.of(authentication);
        Map<String, Object> model = Pages.model("Posts");
        model.put("firstPage", pageRequest.after().isEmpty());
        IndexArticles.Reading reading = articles.reading();
        IndexPage page;
        try {
            page = listPosts.list(pageRequest, reading::bodyHeld);
        } catch (DataTierUnavailableException outage) {
            // The page still renders: layout, navigation and who is logged in need no database.
            model.put("posts", List.of());
            model.put("olderPath", null);
            model.put("unavailable", POSTS_UNAVAILABLE);
            return ErrorPages.withRetryAfter(
                    pages.render(request, HttpStatus.SERVICE_UNAVAILABLE, INDEX_VIEW, model));
        }
        IndexContent content = IndexContent.of(pageRequest, page);
        return pages.okKept(request, INDEX_VIEW, content, content.weight(),
                () -> indexModel(model, reading, page, viewer));
    }

    /**
     * All an index page shows that can change: where it starts, each post's summary (its revision
     * changes with every edit of its title, body or language; its author's name comes with it), and
     * where the next page starts (whether there is one).
     */
    record IndexContent(PostPageRequest request, List<PostSummary> posts, Optional<PostCursor> next) {
        /** A summary's heap, counted high: the records, a 90-character title, a name, an instant. */
        static final long WEIGHT_PER_POST = 600;

        static IndexContent of(PostPageRequest request, IndexPage page) {
            return new IndexContent(request, page.posts().stream().map(IndexedPost::summary).toList(), page.next());
        }

        /** The heap this takes, counted high. */
        long weight() {
            return WEIGHT_PER_POST * (posts.size() + 1);
        }

        /**
         * From the posts' ids and revisions only (equal contents have equal ones), which is much
         * cheaper than hashing every summary's text on every request; {@code equals} still
         * compares all of it.
         */
        @Override
        public int hashCode() {
            long hash = request.hashCode();
            for (PostSummary post : posts) {
                hash = hash * 31 + post.id().value();
                hash = hash * 31 + post.revision();
            }
            return Long.hashCode(hash * 31 + next.hashCode());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof IndexContent content && request.equals(content.request)
                    && posts.equals(content.posts) && next.equals(content.next);
        }
    }

    /**
     * The index's model: the page's posts as {@code viewer} sees them, their articles from the
     * {@code reading} the page was read with, and the link to older ones.
     */
    static Map<String, Object> indexModel(Map<String, Object> model, IndexArticles.Reading reading, IndexPage page,
                                          Optional<Viewer> viewer) {
        model.put("posts", reading.views(page, viewer));
        model.put("olderPath", page.next().map(BlogController::olderPath).orElse(null));
        return model;
    }

    /** A post's own page; its author also gets the edit link and the delete button. */
    @Get("/posts/{id}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<String> show(HttpRequest<?> request, @Nullable Authentication authentication,
                              @PathVariable String id) {
        PostView post = PostView.of(getPost.get(postId(id)), Viewer.of(authentication));
        Map<String, Object> model = Pages.model(post.getTitle());
        model.put("post", post);
        model.put("deletePath", "/" + post.getId() + "/delete");
        return post.isEditable()
                ? pages.renderForm(request, HttpStatus.OK, "blog/post", model)
                : pages.ok(request, "blog/post", model);
    }

    @Get("/create")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<String> createForm(HttpRequest<?> request) {
        return createPage(request, HttpStatus.OK, PostForm.EMPTY, null);
    }

    @Post("/create")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> create(HttpRequest<?> request, Authentication authentication, @Nullable @Body PostForm posted) {
        Viewer viewer = viewer(authentication);
        PostForm form = PostForm.orEmpty(posted);
        try {
            publishPost.publish(PublishPostCommand.of(viewer.id(), form.title(), form.body(), form.language()));
        } catch (InvalidInputException invalid) {
            return createPage(request, statusFor(invalid), form, invalid.getMessage());
        } catch (DataTierUnavailableException outage) {
            return ErrorPages.withRetryAfter(
                    createPage(request, HttpStatus.SERVICE_UNAVAILABLE, form, NOT_SAVED));
        }
        return pages.redirect(request, "/", PUBLISHED);
    }

    @Get("/{id}/update")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<String> updateForm(HttpRequest<?> request, Authentication authentication, @PathVariable String id) {
        io.tierblog.domain.model.Post post = getPostForEdit.getForEdit(postId(id), viewer(authentication).id());
        return updatePage(request, HttpStatus.OK, post.id(), post.title().value(), PostForm.of(post), null);
    }

    @Post("/{id}/update")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> update(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                           @Nullable @Body PostForm posted) {
        Viewer viewer = viewer(authentication);
        PostId postId = postId(id);
        PostForm form = PostForm.orEmpty(posted);
        io.tierblog.domain.model.Post post;
        try {
            post = getPostForEdit.getForEdit(postId, viewer.id());
        } catch (DataTierUnavailableException outage) {
            // Whether the post exists cannot be told now; keep what was typed rather than lose it.
            return ErrorPages.withRetryAfter(
                    updatePage(request, HttpStatus.SERVICE_UNAVAILABLE, postId, null, form, NOT_SAVED));
        }
        try {
            editPost.edit(EditPostCommand.of(post.id(), viewer.id(), form.title(), form.body(), form.language()));
        } catch (InvalidInputException invalid) {
            return updatePage(request, statusFor(invalid), post.id(), post.title().value(), form,
                    invalid.getMessage());
        } catch (DataTierUnavailableException outage) {
            return ErrorPages.withRetryAfter(updatePage(request, HttpStatus.SERVICE_UNAVAILABLE, post.id(),
                    post.title().value(), form, NOT_SAVED));
        }
        return pages.redirect(request, "/", UPDATED);
    }

    @Post("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> delete(HttpRequest<?> request, Authentication authentication, @PathVariable String id) {
        deletePost.delete(new DeletePostCommand(postId(id), viewer(authentication).id()));
        return pages.redirect(request, "/", DELETED);
    }

    private MutableHttpResponse<String> createPage(HttpRequest<?> request, HttpStatus status, PostForm form,
                                                   @Nullable String error) {
        Map<String, Object> model = Pages.model("New Post");
        model.put("form", form);
        model.put("error", error);
        return pages.renderForm(request, status, "blog/create", model);
    }

    /** The edit form; {@code storedTitle} names the post in the heading when it could be read. */
    private MutableHttpResponse<String> updatePage(HttpRequest<?> request, HttpStatus status, PostId postId,
                                                   @Nullable String storedTitle, PostForm form,
                                                   @Nullable String error) {
        Map<String, Object> model = Pages.model(storedTitle == null ? "Edit Post" : "Edit \"" + storedTitle + "\"");
        model.put("form", form);
        model.put("error", error);
        model.put("deletePath", "/" + postId.value() + "/delete");
        return pages.renderForm(request, status, "blog/update", model);
    }

    /**
     * A title or body a person can get wrong is answered as flaskr does, 200 with the form again; a
     * language the select never offers was not typed but forged, a 400 (with the form again too).
     */
    private static HttpStatus statusFor(InvalidInputException invalid) {
        return "language".equals(invalid.field()) ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
    }

    private static String olderPath(PostCursor next) {
        return "/?after=" + IndexCursor.format(next);
    }

    /** Anything but a positive whole number that fits a post id names no post. */
    private static PostId postId(String text) {
        return PostId.parse(text).orElseThrow(
                () -> new RequestRefusedException(HttpStatus.NOT_FOUND, "Post id " + text + " doesn't exist."));
    }

    /**
     * The viewer the token names. Security lets only authenticated requests through; a token that
     * is valid yet carries no user id is sent to log in again.
     */
    private static Viewer viewer(Authentication authentication) {
        return Viewer.of(authentication).orElseThrow(() -> new AuthorizationException(null));
    }
}
