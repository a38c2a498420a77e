package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class UrlTemplateTest {
  private static final UnaryOperator<String> MASK = p -> "•••";

  @Test
  void rendersComponentsAndQueryKeys() throws Exception {
    WhatwgUrl url = WhatwgUrl.parse("https://u:p@api.shop.example.co.uk/a/b?id=7&id=8&q=x+y#top");
    UrlTemplate t =
        UrlTemplate.compile(
            "{scheme}|{user}|{password}|{host}|{port}|{effectivePort}|{path}|{query}|{query:id}"
                + "|{query:q}|{fragment}|{subdomain}|{registrableDomain}|{publicSuffix}|{origin}");
    assertEquals(
        "https|u|•••|api.shop.example.co.uk||443|/a/b|id=7&id=8&q=x+y|7|x y|top|api.shop"
            + "|example.co.uk|co.uk|https://api.shop.example.co.uk",
        t.render(url, MASK));
    assertEquals(
        "https://u:•••@api.shop.example.co.uk/a/b?id=7&id=8&q=x+y#top",
        UrlTemplate.compile("{href}").render(url, MASK));
    assertEquals(
        "https://u:p@api.shop.example.co.uk/a/b?id=7&id=8&q=x+y#top",
        UrlTemplate.compile("{href}").render(url, UnaryOperator.identity()));
  }

  @Test
  void bracesEscapeAndUnknownNamesFail() throws Exception {
    WhatwgUrl url = WhatwgUrl.parse("redis://cache.internal:6380/0");
    assertEquals(
        "{cache.internal} 6380 6379",
        UrlTemplate.compile("{{{hostname}}} {port} {defaultPort}").render(url, MASK));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UrlTemplate.compile("{hots}"));
    assertEquals(true, e.getMessage().startsWith("unknown component {hots}"));
    assertThrows(IllegalArgumentException.class, () -> UrlTemplate.compile("{host"));
  }
}
