-- Argo CD health check of costsentry.io/CostCenterBudget; docs/gitops.md explains each verdict.
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

local function usedUp(obj, exceeded)
  local full = {}
  if obj.status.limits ~= nil then
    for _, l in ipairs(obj.status.limits) do
      if (tonumber(l.percent) or 0) >= 100 then
        local text = (l.name or "?") .. " (" .. (l.period or "?") .. ", " .. tostring(l.percent) .. "%"
        if l.windowEnd ~= nil then
          text = text .. ", resets " .. l.windowEnd
        end
        table.insert(full, text .. ")")
      end
    end
  end
  local detail = describe(exceeded)
  if #full > 0 then
    detail = "Used up: " .. table.concat(full, "; ")
  end
  if obj.spec ~= nil and obj.spec.enforcement == "Monitor" then
    return "Budget exceeded, monitored only: requests are still served. " .. detail
  end
  return "Budget exceeded, enforced: requests over a used-up limit are refused until its window"
    .. " resets. " .. detail
end

local function health(obj)
  local status = obj.status
  if status == nil then
    return "Progressing", "Waiting for the operator: no status yet"
  end
  local ready = condition(status, "Ready")
  -- Checked before the generation: deletion bumps metadata.generation, and a failed cleanup keeps
  -- the finalizer without observing the new generation.
  if ready ~= nil and ready.status == "False" and ready.reason == "CleanupFailed" then
    return "Degraded", describe(ready)
  end
  if obj.metadata.deletionTimestamp ~= nil then
    return "Progressing", "Deleting: the operator removes the profiles and records, then its finalizer"
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
  if ready == nil then
    return "Progressing", "Waiting for the operator: no Ready condition yet"
  end
  if ready.status == "False" then
    -- InvalidSpec, DuplicateCostCenter: the operator will not retry until the spec changes.
    return "Degraded", describe(ready)
  end
  if ready.status ~= "True" then
    return "Progressing", "Waiting for the operator: " .. describe(ready)
  end
  local profiles = condition(status, "ProfilesReady")
  if profiles ~= nil and profiles.status == "False" then
    if profiles.reason == "AliasNotReady" then
      return "Progressing", describe(profiles)
    end
    return "Degraded", describe(profiles)
  end
  local degraded = condition(status, "Degraded")
  if degraded ~= nil and degraded.status == "True" then
    -- LedgerUnavailable: usage in status is stale; see docs/gitops.md for why this is not Healthy.
    return "Degraded", describe(degraded)
  end
  local exceeded = condition(status, "BudgetExceeded")
  if exceeded ~= nil and exceeded.status == "True" then
    -- The budget is doing its job; the alerts come from Prometheus, not from Argo CD.
    return "Healthy", usedUp(obj, exceeded)
  end
  local message = ready.message or "Ready"
  if status.mostUsedLimit ~= nil and status.mostUsedPercent ~= nil then
    message = message .. "; most used: " .. status.mostUsedLimit .. " at "
      .. tostring(status.mostUsedPercent) .. "%"
  end
  return "Healthy", message
end

local hs = {}
hs.status, hs.message = health(obj)
return hs
