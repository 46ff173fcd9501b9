-- Neovim as a real client of `reportlint lsp` (tests/test_lsp_neovim.py runs it headless):
-- open a draft, attach the built-in LSP client, read the diagnostics, apply a quick fix and
-- fix-all through vim.lsp.buf.code_action (vim.ui.select answered by the test), and write
-- what happened to RL_OUT as JSON. Works with Neovim 0.7 (vim.lsp.start_client) and later.
local out = { steps = {} }
local function step(name) table.insert(out.steps, name) end

local function finish()
  local f = io.open(vim.env.RL_OUT, 'w')
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qa!')
end

local function diagnostics(bufnr)
  local got = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(got, { d.lnum, d.col, d.end_lnum, d.end_col, d.code or '', d.source or '', d.severity })
  end
  table.sort(got, function(a, b)
    if a[1] ~= b[1] then return a[1] < b[1] end
    if a[2] ~= b[2] then return a[2] < b[2] end
    return a[5] < b[5]
  end)
  return got
end

local function count(bufnr, code)
  local n = 0
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then n = n + 1 end
  end
  return n
end

-- run a code action at the cursor: `only` kinds, choose the one whose title starts with `prefix`
local function code_action(only, prefix)
  local offered, chosen = {}, false
  vim.ui.select = function(items, opts, on_choice)
    local pick
    for _, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or (item.action or item[2]).title
      local action = item.action or item[2]
      table.insert(offered, { title = action.title, kind = action.kind, preferred = action.isPreferred or false })
      if not pick and vim.startswith(action.title, prefix) then pick = item end
    end
    chosen = pick ~= nil
    on_choice(pick)
  end
  if vim.fn.has('nvim-0.8') == 1 then
    vim.lsp.buf.code_action({ context = { only = only } })
  else
    vim.lsp.buf.code_action({ only = only })
  end
  vim.wait(10000, function() return #offered > 0 end, 20)
  return offered, chosen
end

local function main()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.RL_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local config = { name = 'reportlint', cmd = vim.fn.json_decode(vim.env.RL_CMD), root_dir = vim.env.RL_ROOT }
  local encoding = vim.env.RL_ENCODING
  if encoding and encoding ~= '' then
    -- a client told to count in this encoding (Neovim 0.7 does not negotiate by itself)
    config.offset_encoding = encoding
    config.capabilities = vim.tbl_deep_extend('force', vim.lsp.protocol.make_client_capabilities(),
      { general = { positionEncodings = { encoding } } })
  end
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  step('started')
  if not vim.wait(60000, function() return #vim.diagnostic.get(bufnr) >= 6 end, 50) then
    out.error = 'no diagnostics'
    out.diagnostics = diagnostics(bufnr)
    return
  end
  local client = vim.lsp.get_client_by_id(client_id)
  out.encoding = client.offset_encoding
  out.version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor)
  out.diagnostics = diagnostics(bufnr)
  step('diagnostics')

  -- the suggestion on line 5 (法制) is offered, not preferred
  vim.api.nvim_win_set_cursor(0, { 5, 7 })
  out.suggestions = code_action({ 'quickfix' }, 'nothing')
  step('suggestions')

  -- a quick fix on line 2: the cursor on the term (byte column 23, inside 依法行政工作)
  vim.api.nvim_win_set_cursor(0, { 2, 23 })
  local before = vim.api.nvim_buf_get_lines(bufnr, 1, 2, false)[1]
  out.quickfix, out.quickfix_chosen = code_action({ 'quickfix' }, '修正')
  vim.wait(10000, function() return vim.api.nvim_buf_get_lines(bufnr, 1, 2, false)[1] ~= before end, 20)
  out.line2 = vim.api.nvim_buf_get_lines(bufnr, 1, 2, false)[1]
  step('quickfix')

  -- fix all: the rest of the safe fixes, the suggestion left alone
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  local text_before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  out.fixall = code_action({ 'source.fixAll' }, 'reportlint')
  vim.wait(10000, function()
    return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') ~= text_before
  end, 20)
  out.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  step('fixall')

  -- the server re-lints the changed buffer: the fixed findings go, the others stay
  vim.wait(30000, function() return count(bufnr, 'ZZ901') == 0 and count(bufnr, 'RL402') == 0 end, 50)
  out.after = diagnostics(bufnr)
  step('relinted')
end

local ok, err = pcall(main)
if not ok then out.error = tostring(err) end
finish()
