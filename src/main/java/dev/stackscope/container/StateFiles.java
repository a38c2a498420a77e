package dev.stackscope.container;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsers of the container runtimes' state files (pure functions of their bytes): docker's {@code
 * config.v2.json} and {@code hostconfig.json}, podman's {@code containers.json} and an OCI bundle's
 * {@code config.json} annotations. What is not of the expected shape is left out; malformed JSON
 * gives what was read before the fault. Never throws.
 */
public final class StateFiles {
  /** Strings longer than this are left out (names, images and annotations are short). */
  static final int MAX_STRING = 4096;

  /** At most this many entries are kept from one file. */
  static final int MAX_ENTRIES = 100_000;

  private static final JsonFactory JSON = new JsonFactory();

  private StateFiles() {}

  /** What docker's {@code config.v2.json} says: its name, image and Kubernetes labels. */
  public record DockerConfig(String name, String image, String pod, String podNamespace) {}

  /** One container of podman's {@code containers.json}: its first name and its image's name. */
  public record StorageContainer(String name, String image) {}

  /** Docker's {@code /var/lib/docker/containers/ID/config.v2.json}. */
  public static DockerConfig dockerConfig(byte[] json) {
    String name = null;
    String image = null;
    Map<String, String> labels = Map.of();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new DockerConfig(null, null, null, null);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("Name") && t == JsonToken.VALUE_STRING) {
          name = string(p);
          if (name != null && name.startsWith("/")) {
            name = name.substring(1);
          }
        } else if (field.equals("Config") && t == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (f.equals("Image") && v == JsonToken.VALUE_STRING) {
              image = string(p);
            } else if (f.equals("Labels") && v == JsonToken.START_OBJECT) {
              labels = stringsOf(p);
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      // malformed or cut short: what was read so far
    }
    return new DockerConfig(
        empty(name),
        empty(image),
        empty(labels.get("io.kubernetes.pod.name")),
        empty(labels.get("io.kubernetes.pod.namespace")));
  }

  /** At most this many port bindings are kept from one {@code hostconfig.json}. */
  static final int MAX_BINDINGS = 4096;

  /**
   * Docker's {@code /var/lib/docker/containers/ID/hostconfig.json}: {@code NetworkMode}, {@code
   * RestartPolicy}, {@code Memory}, {@code NanoCpus} (or {@code CpuQuota}/{@code CpuPeriod}),
   * {@code PidsLimit} and {@code PortBindings}. Zero and negative limits are "not set".
   */
  public static ContainerConfig dockerHostConfig(byte[] json) {
    String network = null;
    String restart = null;
    long retries = 0;
    long memory = 0;
    long nanoCpus = 0;
    long quota = 0;
    long period = 0;
    long pids = 0;
    List<ContainerConfig.PortBinding> bindings = new ArrayList<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "NetworkMode" -> network = t == JsonToken.VALUE_STRING ? string(p) : null;
          case "Memory" -> memory = longOf(p, t);
          case "NanoCpus" -> nanoCpus = longOf(p, t);
          case "CpuQuota" -> quota = longOf(p, t);
          case "CpuPeriod" -> period = longOf(p, t);
          case "PidsLimit" -> pids = longOf(p, t);
          case "RestartPolicy" -> {
            if (t == JsonToken.START_OBJECT) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken v = p.nextToken();
                if (f.equals("Name") && v == JsonToken.VALUE_STRING) {
                  restart = string(p);
                } else if (f.equals("MaximumRetryCount")) {
                  retries = longOf(p, v);
                } else {
                  p.skipChildren();
                }
              }
            } else {
              p.skipChildren();
            }
          }
          case "PortBindings" -> {
            if (t == JsonToken.START_OBJECT) {
              portBindings(p, bindings);
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      // malformed or cut short: what was read so far
    }
    Double cpus = null;
    if (nanoCpus > 0) {
      cpus = Math.round(nanoCpus / 1e7) / 100.0;
    } else if (quota > 0) {
      cpus = Math.round(quota * 100.0 / (period > 0 ? period : 100_000)) / 100.0;
    }
    bindings.sort(
        Comparator.comparingInt(ContainerConfig.PortBinding::containerPort)
            .thenComparing(ContainerConfig.PortBinding::protocol));
    return new ContainerConfig(
        empty(network),
        empty(restart),
        retries > 0 && retries <= Integer.MAX_VALUE ? (int) retries : null,
        memory > 0 ? memory : null,
        cpus,
        pids > 0 ? pids : null,
        List.copyOf(bindings));
  }

  /** {@code {"8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": "18081"}], …}}. */
  private static void portBindings(JsonParser p, List<ContainerConfig.PortBinding> out)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      int slash = key.indexOf('/');
      int port = (int) portNumber(slash < 0 ? key : key.substring(0, slash));
      String proto = slash < 0 ? "tcp" : key.substring(slash + 1);
      if (t != JsonToken.START_ARRAY || port <= 0 || proto.isEmpty() || proto.length() > 8) {
        p.skipChildren();
        continue;
      }
      JsonToken e;
      while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) {
        if (e != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        String hostIp = null;
        long hostPort = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken v = p.nextToken();
          if (f.equals("HostIp") && v == JsonToken.VALUE_STRING) {
            hostIp = string(p);
          } else if (f.equals("HostPort") && v == JsonToken.VALUE_STRING) {
            String text = string(p);
            hostPort = text == null ? -1 : portNumber(text);
          } else {
            p.skipChildren();
          }
        }
        if (out.size() < MAX_BINDINGS) {
          out.add(
              new ContainerConfig.PortBinding(
                  port, proto, empty(hostIp), hostPort > 0 ? (int) hostPort : null));
        }
      }
    }
  }

  /** A port number 1-65535, or -1. */
  private static long portNumber(String text) {
    long v = text.length() > 5 ? -1 : Decimal.parse(text);
    return v >= 1 && v <= 65535 ? v : -1;
  }

  /** A JSON integer's value, 0 for anything else (null, a string, a fraction). */
  private static long longOf(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? 0 : p.getLongValue();
    }
    p.skipChildren();
    return 0;
  }

  /**
   * Podman's (containers/storage) {@code overlay-containers/containers.json}: an array of {@code
   * {id, names, image, metadata}}, where {@code metadata} is JSON text holding {@code image-name}.
   */
  public static Map<String, StorageContainer> storageContainers(byte[] json) {
    Map<String, StorageContainer> out = new HashMap<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        return out;
      }
      while (p.nextToken() == JsonToken.START_OBJECT && out.size() < MAX_ENTRIES) {
        String id = null;
        String name = null;
        String image = null;
        String imageName = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken v = p.nextToken();
          if (f.equals("id") && v == JsonToken.VALUE_STRING) {
            id = string(p);
          } else if (f.equals("image") && v == JsonToken.VALUE_STRING) {
            image = string(p);
          } else if (f.equals("names") && v == JsonToken.START_ARRAY) {
            while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
              if (v == JsonToken.VALUE_STRING && name == null) {
                name = string(p);
              } else {
                p.skipChildren();
              }
            }
          } else if (f.equals("metadata") && v == JsonToken.VALUE_STRING) {
            String meta = string(p);
            imageName = meta == null ? null : imageName(meta);
          } else {
            p.skipChildren();
          }
        }
        if (id != null && !id.isEmpty()) {
          String shownImage = imageName != null ? imageName : shortImageId(image);
          out.put(id, new StorageContainer(empty(name), empty(shownImage)));
        }
      }
    } catch (IOException | RuntimeException e) {
      // malformed or cut short: the containers read so far
    }
    return out;
  }

  /** The top-level {@code annotations} of an OCI runtime {@code config.json}, string values. */
  public static Map<String, String> annotations(byte[] json) {
    Map<String, String> out = Map.of();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return out;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        if (f.equals("annotations") && v == JsonToken.START_OBJECT) {
          return stringsOf(p);
        }
        p.skipChildren();
      }
    } catch (IOException | RuntimeException e) {
      // malformed or cut short: no annotations
    }
    return out;
  }

  private static String imageName(String metadata) {
    try (JsonParser p = JSON.createParser(metadata)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        if (f.equals("image-name") && v == JsonToken.VALUE_STRING) {
          return empty(string(p));
        }
        p.skipChildren();
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: no image name
    }
    return null;
  }

  private static String shortImageId(String image) {
    if (image == null) {
      return null;
    }
    return CgroupPaths.isHex(image) && image.length() > 12 ? image.substring(0, 12) : image;
  }

  /** The string members of the object the parser is at (its START_OBJECT), to its end. */
  private static Map<String, String> stringsOf(JsonParser p) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_STRING && out.size() < MAX_ENTRIES) {
        String s = string(p);
        if (s != null && f.length() <= MAX_STRING) {
          out.put(f, s);
        }
      } else {
        p.skipChildren();
      }
    }
    return out;
  }

  private static String string(JsonParser p) throws IOException {
    String s = p.getText();
    return s != null && s.length() <= MAX_STRING ? s : null;
  }

  private static String empty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
