-- Headless Neovim as a real LSP client: open a config with a shrunk keepalive
-- interval, wait for the server's diagnostics, check their codes and ranges.
-- Run by editors/neovim/test/run.sh; exits 0 on success, 1 on failure.
local root = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h:h")
vim.opt.runtimepath:prepend(root)

local function fail(msg)
  io.stderr:write("FAIL: " .. msg .. "\n")
  vim.cmd("cquit 1")
end

require("proftpd_lint").setup({
  cmd = { vim.env.PROFTPD_LINT, "server" },
  settings = { profile = { platform = "linux" } },
})
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.CONFIG))
if vim.bo.filetype ~= "proftpd" then
  fail("filetype is '" .. vim.bo.filetype .. "', not proftpd")
end

local ok = vim.wait(15000, function()
  return #vim.diagnostic.get(0) >= 2
end, 50)
if not ok then
  fail("no diagnostics within 15 s (got " .. #vim.diagnostic.get(0) .. ")")
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local got = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  -- 0-based line and columns, as the server sent them
  table.insert(got, string.format("%s %d:%d-%d:%d", code_of(d), d.lnum, d.col, d.end_lnum, d.end_col))
end
table.sort(got)
local want = { "K010 3:30-3:32", "T006 7:2-7:17" }
if table.concat(got, ", ") ~= table.concat(want, ", ") then
  fail("diagnostics: got { " .. table.concat(got, ", ") .. " }, want { " .. table.concat(want, ", ") .. " }")
end
io.stdout:write("ok: " .. table.concat(got, ", ") .. "\n")
vim.cmd("qall!")
