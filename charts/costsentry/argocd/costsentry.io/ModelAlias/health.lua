-- Argo CD health check of costsentry.io/ModelAlias; docs/gitops.md explains each verdict.
-- Lua 5.1 with the base and table libraries only: Argo CD runs custom checks without the string
-- and math libraries.
local function condition(status, kind)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function describe(c)
  local text = c.reason or c.type
  if c.message ~= nil and c.message ~= "" then
    text = text .. ": " .. c.message
  end
  return text
end

local function health(obj)
  local status = obj.status
  if status == nil then
    return "Progressing", "Waiting for the operator: no status yet"
  end
  local generation = tonumber(obj.metadata.generation) or 0
  local observed = tonumber(status.observedGeneration)
  if observed == nil then
    return "Progressing", "Waiting for the operator: no observedGeneration in status"
  end
  if observed < generation then
    return "Progressing", "Waiting for the operator to observe generation " .. tostring(generation)
      .. " (status is of generation " .. tostring(observed) .. ")"
  end
  local ready = condition(status, "Ready")
  if ready == nil then
    return "Progressing", "Waiting for the operator: no Ready condition yet"
  end
  if ready.status == "False" then
    -- ModelNotFound, NoPricing, InvalidSpec, AccessDenied, QuotaExceeded, InvalidRequest: the
    -- operator retries transient errors without writing status, so a False Ready needs a person.
    return "Degraded", describe(ready)
  end
  if ready.status ~= "True" then
    return "Progressing", "Waiting for the operator: " .. describe(ready)
  end
  return "Healthy", ready.message or "Ready"
end

local hs = {}
hs.status, hs.message = health(obj)
return hs
