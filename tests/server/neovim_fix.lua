-- Driven by tests/server/test_neovim.py: Neovim's own LSP client against lsp-heal.
-- Environment: LSP_HEAL_FILE (a broken Python file), LSP_HEAL_PYTHON (the interpreter).
local file = os.getenv("LSP_HEAL_FILE")
local function fail(message)
  io.stderr:write("FAIL: " .. message .. "\n")
  vim.cmd("cquit 1")
end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = "python"
local client_id = vim.lsp.start_client({
  name = "lsp-heal",
  cmd = { os.getenv("LSP_HEAL_PYTHON"), "-m", "lsp_heal", "serve" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
if not client_id then fail("the server did not start") end
vim.lsp.buf_attach_client(buf, client_id)

-- the diagnostic, with the repair attached (a second publish once the fixer has run),
-- rebuilt as an LSP Diagnostic: Neovim 0.7 keeps only `code` and `data` of the original
local function repaired()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp
    if d.source == "lsp-heal" and lsp and lsp.data and lsp.data.repair then
      return {
        range = { start = { line = d.lnum, character = d.col },
                  ["end"] = { line = d.end_lnum, character = d.end_col } },
        message = d.message, severity = d.severity, source = d.source,
        code = lsp.code, data = lsp.data,
      }
    end
  end
end
if not vim.wait(20000, function() return repaired() ~= nil end, 50) then
  fail("no lsp-heal diagnostic with a repair")
end
local diagnostic = repaired()
io.stdout:write("DIAGNOSTIC " .. diagnostic.message .. "\n")

local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = diagnostic.range,
  context = { diagnostics = { diagnostic } },
}
local replies = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000)
local chosen
for _, reply in pairs(replies or {}) do
  for _, action in ipairs(reply.result or {}) do
    if action.isPreferred and action.edit then chosen = action end
  end
end
if not chosen then fail("no preferred code action with an edit") end
io.stdout:write("ACTION " .. chosen.title .. "\n")
vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
vim.cmd("write")
vim.lsp.stop_client(client_id)
vim.cmd("qall!")
