package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.container.ContainerInfo;
import dev.stackscope.net.Reach;
import dev.stackscope.os.NetworkNamespace;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.Listener;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Containers in the graph views: each container a labelled box inside its role's box, holding its
 * components. The DOT is laid out by Graphviz ({@code dot -Tsvg}) and the boxes' and nodes' drawn
 * outlines are checked to nest; the Mermaid is parsed statement by statement.
 */
class StackGraphContainersTest {
  private static final ContainerInfo WEB =
      new ContainerInfo("podman", "b2".repeat(32), "web", "localhost/bb:local", null, null);
  private static final ContainerInfo HOSTILE =
      new ContainerInfo("docker", "a1".repeat(32), "x\"} subgraph y {", "bb\\local", null, null);

  private static Component component(String id, Role role, ComponentPlace place) {
    return new Component(
            id,
            role,
            id,
            List.of(id.length() * 10),
            "root",
            new RuleMatch(RuleMatch.Kind.ARGV0, "rule"),
            Confidence.HIGH,
            List.of(
                new Listener("tcp", "10.88.0.2", 8080, Reach.PRIVATE),
                new Listener("tcp", "127.0.0.1", 18080, Reach.LOOPBACK).publishedVia("conmon")))
        .withPlace(place);
  }

  static final StackMap MAP =
      new StackMap(
          List.of(
              component(
                  "nginx",
                  Role.WEB,
                  new ComponentPlace(
                      "nginx.service", "system.slice", null, new NetworkNamespace(1, "host"))),
              component(
                  "httpd",
                  Role.WEB,
                  new ComponentPlace(null, null, WEB, new NetworkNamespace(2, "web"))),
              component(
                  "app",
                  Role.APP,
                  new ComponentPlace(null, null, WEB, new NetworkNamespace(2, "web"))),
              component(
                  "worker",
                  Role.APP,
                  new ComponentPlace(null, null, HOSTILE, new NetworkNamespace(3, null))),
              component(
                  "web-2",
                  Role.WEB,
                  new ComponentPlace(null, null, WEB, new NetworkNamespace(2, "web")))),
          List.of(new Edge("nginx", "httpd", 8080, 2), new Edge("httpd", "app", 9000, 1)),
          List.of());

  @Test
  void placeLabelsNameContainerImageAndNamespace() {
    assertEquals(
        "podman:web (localhost/bb:local) · netns web",
        StackGraph.placeLabel(MAP.component("httpd").place()));
    assertEquals("nginx.service", StackGraph.placeLabel(MAP.component("nginx").place()));
    assertEquals(
        "docker:x\"} subgraph y { (bb\\local) · netns:[3]",
        StackGraph.placeLabel(MAP.component("worker").place()));
    assertNull(StackGraph.placeLabel(ComponentPlace.NONE));
    assertNull(
        StackGraph.placeLabel(
            new ComponentPlace(null, null, null, new NetworkNamespace(1, "host"))));
  }

  @Test
  void graphvizDrawsEachContainerAsABoxInsideItsRole() throws Exception {
    Assumptions.assumeTrue(MiniStack.which("dot") != null, "graphviz absent (Debian: graphviz)");
    String dot = StackGraph.dot(MAP);
    Process p = new ProcessBuilder("dot", "-Tsvg").start();
    try (var in = p.getOutputStream()) {
      in.write(dot.getBytes(StandardCharsets.UTF_8));
    }
    byte[] svg = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err + dot);
    assertEquals("", err.strip(), "dot warned about the graph:\n" + dot);
    Map<String, Shape> clusters = new HashMap<>();
    Map<String, Shape> nodes = new HashMap<>();
    read(svg, clusters, nodes);
    // role boxes: web, app; in web the container web; in app the containers web and the hostile one
    assertEquals(5, clusters.size(), clusters.keySet().toString());
    Shape webRole = clusters.get("cluster_0");
    Shape appRole = clusters.get("cluster_1");
    Shape webInWeb = clusters.get("cluster_0_0");
    Shape webInApp = clusters.get("cluster_1_0");
    Shape hostile = clusters.get("cluster_1_1");
    assertEquals(List.of("web server / reverse proxy"), webRole.texts());
    assertEquals(List.of("podman:web (localhost/bb:local)"), webInWeb.texts());
    assertEquals(List.of("podman:web (localhost/bb:local)"), webInApp.texts());
    // the name that tries to close the box is a label, the namespace without name not repeated
    assertEquals(List.of("docker:x\"} subgraph y { (bb\\local)"), hostile.texts());
    assertTrue(webRole.contains(webInWeb) && appRole.contains(webInApp), clusters.toString());
    assertTrue(appRole.contains(hostile) && !webRole.contains(hostile), clusters.toString());
    // nodes: the container's components in its box, the host's nginx outside every container
    assertTrue(webInWeb.contains(nodes.get("httpd")), nodes.toString());
    assertTrue(webInWeb.contains(nodes.get("web-2")), nodes.toString());
    assertTrue(webInApp.contains(nodes.get("app")), nodes.toString());
    assertTrue(hostile.contains(nodes.get("worker")), nodes.toString());
    assertTrue(webRole.contains(nodes.get("nginx")), nodes.toString());
    assertFalse(webInWeb.contains(nodes.get("nginx")), nodes.toString());
    assertTrue(nodes.get("nginx").texts().contains("nginx.service"), nodes.toString());
    assertEquals(5, nodes.size(), nodes.keySet().toString());
  }

  @Test
  void mermaidNestsContainerSubgraphsInRoleSubgraphs() {
    String m = StackGraph.mermaid(MAP);
    Map<String, List<String>> parents = new HashMap<>(); // node or subgraph id -> enclosing ids
    Map<String, String> labels = new HashMap<>();
    Deque<String> open = new ArrayDeque<>();
    Pattern subgraph = Pattern.compile("\\s*subgraph (r\\d+(?:_\\d+)?)\\[\"([^\"]*)\"\\]");
    Pattern node = Pattern.compile("\\s*(c\\d+)\\[\"([^\"]*)\"\\]");
    Pattern edge = Pattern.compile("\\s*c\\d+ -->\\|\"[^\"]*\"\\| c\\d+");
    for (String line : m.lines().skip(1).toList()) {
      Matcher s = subgraph.matcher(line);
      Matcher n = node.matcher(line);
      if (s.matches()) {
        parents.put(s.group(1), new ArrayList<>(open));
        labels.put(s.group(1), s.group(2));
        open.push(s.group(1));
      } else if (n.matches()) {
        parents.put(n.group(1), new ArrayList<>(open));
        labels.put(n.group(1), n.group(2));
      } else if (line.strip().equals("end")) {
        assertNotNull(open.poll(), "an end without a subgraph:\n" + m);
      } else {
        assertTrue(edge.matcher(line).matches(), "not a statement: " + line + "\n" + m);
      }
    }
    assertTrue(open.isEmpty(), "subgraphs left open:\n" + m);
    // nodes are numbered in the map's order: nginx c0, httpd c1, app c2, worker c3, web-2 c4
    assertEquals(List.of("r0_0", "r0"), parents.get("c1"));
    assertEquals(List.of("r0_0", "r0"), parents.get("c4"));
    assertEquals(List.of("r0"), parents.get("c0"));
    assertEquals(List.of("r1_0", "r1"), parents.get("c2"));
    assertEquals(List.of("r1_1", "r1"), parents.get("c3"));
    assertEquals("podman:web (localhost/bb:local)", labels.get("r0_0"));
    assertEquals("docker:x#quot;} subgraph y { (bb\\local)", labels.get("r1_1"));
    assertTrue(labels.get("c0").contains("<br/>nginx.service<br/>"), labels.get("c0"));
    assertTrue(m.contains("c0 -->|\":8080 ×2\"| c1"), m);
    assertTrue(labels.get("c1").contains("<br/>127.0.0.1:18080 loopback only via conmon"), m);
  }

  /** A cluster's or node's outline (bounding box of its drawn points) and its text lines. */
  record Shape(double x0, double y0, double x1, double y1, List<String> texts) {
    boolean contains(Shape o) {
      return o != null && x0 <= o.x0 && y0 <= o.y0 && o.x1 <= x1 && o.y1 <= y1;
    }
  }

  private static final Pattern NUMBER_PAIR =
      Pattern.compile("(-?\\d+(?:\\.\\d+)?)[ ,](-?\\d+(?:\\.\\d+)?)");

  /** The clusters and nodes of Graphviz's SVG by their titles (the DOT names). */
  private static void read(byte[] svg, Map<String, Shape> clusters, Map<String, Shape> nodes)
      throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    NodeList groups = doc.getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      String kind = g.getAttribute("class");
      if (!kind.equals("cluster") && !kind.equals("node")) {
        continue;
      }
      String title = g.getElementsByTagName("title").item(0).getTextContent();
      double x0 = Double.MAX_VALUE;
      double y0 = Double.MAX_VALUE;
      double x1 = -Double.MAX_VALUE;
      double y1 = -Double.MAX_VALUE;
      for (String tag : List.of("polygon", "path")) {
        NodeList outlines = g.getElementsByTagName(tag);
        for (int j = 0; j < outlines.getLength(); j++) {
          Element o = (Element) outlines.item(j);
          Matcher m = NUMBER_PAIR.matcher(o.getAttribute(tag.equals("path") ? "d" : "points"));
          while (m.find()) {
            double x = Double.parseDouble(m.group(1));
            double y = Double.parseDouble(m.group(2));
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
          }
        }
      }
      List<String> texts = new ArrayList<>();
      NodeList t = g.getElementsByTagName("text");
      for (int j = 0; j < t.getLength(); j++) {
        texts.add(t.item(j).getTextContent());
      }
      (kind.equals("cluster") ? clusters : nodes).put(title, new Shape(x0, y0, x1, y1, texts));
    }
  }
}
