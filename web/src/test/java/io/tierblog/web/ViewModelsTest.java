package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The templates read these properties through Thymeleaf's OGNL shortcut, which calls a bean
 * getter from outside this package; a class or getter it cannot call sends every expression
 * through full OGNL evaluation instead, several times slower. Same output either way, so only
 * this test notices.
 */
class ViewModelsTest {
    private static final Map<Class<?>, Set<String>> READ_BY_TEMPLATES = Map.of(
            PostView.class, Set.of("id", "title", "body", "about", "editable", "editPath", "language", "path",
                    "opening", "closing"),
            Viewer.class, Set.of("name"),
            PostForm.class, Set.of("title", "body", "titleMaxLength"),
            CredentialsForm.class, Set.of("username", "usernameMaxLength"));

    @Test
    void viewModelsArePublicWithPublicGetters() throws IntrospectionException {
        for (Map.Entry<Class<?>, Set<String>> entry : READ_BY_TEMPLATES.entrySet()) {
            Class<?> model = entry.getKey();
            assertThat(Modifier.isPublic(model.getModifiers())).as("%s is public", model.getSimpleName()).isTrue();
            PropertyDescriptor[] properties = Introspector.getBeanInfo(model).getPropertyDescriptors();
            for (String name : entry.getValue()) {
                Method getter = Arrays.stream(properties).filter(p -> p.getName().equals(name))
                        .map(PropertyDescriptor::getReadMethod).findFirst().orElse(null);
                assertThat(getter).as("%s has a getter for %s", model.getSimpleName(), name).isNotNull();
                assertThat(Modifier.isPublic(getter.getModifiers())).as("%s.%s is public", model.getSimpleName(),
                        getter.getName()).isTrue();
            }
        }
    }
}
