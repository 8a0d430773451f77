package io.costsentry.operator.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;

/**
 * Runs an Argo CD health check as Argo CD runs a custom one from argocd-cm: the resource as the
 * global {@code obj} (objects become tables, arrays 1-based tables, numbers numbers), and only the
 * package, base and table libraries (Argo CD adds a restricted {@code os}, which the checks do not
 * use; it opens the others only for its built-in scripts).
 */
final class LuaHealthCheck {
  record Result(String status, String message) {}

  private LuaHealthCheck() {}

  static Result run(String script, JsonNode resource) {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", toLua(resource));
    LuaValue returned = globals.load(script, "health.lua").call();
    if (!returned.istable()) {
      throw new IllegalStateException(
          "expect table output from Lua script, not " + returned.typename());
    }
    LuaValue status = returned.get("status");
    LuaValue message = returned.get("message");
    return new Result(
        status.isnil() ? null : status.tojstring(), message.isnil() ? null : message.tojstring());
  }

  static LuaValue toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        table.set(e.getKey(), toLua(e.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      int i = 1;
      for (JsonNode item : node) {
        table.set(i++, toLua(item));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return LuaValue.valueOf(node.asText());
  }
}
