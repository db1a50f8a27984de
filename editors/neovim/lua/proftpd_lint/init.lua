-- proftpd-lint for Neovim: filetype detection and the language server.
-- require("proftpd_lint").setup({ cmd = { "proftpd-lint", "server" }, settings = { profile = { natIdleTimeout = 350 } } })
local M = {}

function M.filetypes()
  if vim.fn.has("nvim-0.8") == 0 then -- 0.7 reads vim.filetype.add only with g:do_filetype_lua
    vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
      pattern = { "proftpd.conf", "*.proftpd", "*/proftpd/*.conf", "*/proftpd.d/*.conf" },
      command = "set filetype=proftpd", -- over the runtime's apachestyle
    })
    return
  end
  vim.filetype.add({
    filename = { ["proftpd.conf"] = "proftpd" },
    extension = { proftpd = "proftpd" },
    pattern = {
      [".*/proftpd/.*%.conf"] = "proftpd",
      [".*/proftpd%.d/.*%.conf"] = "proftpd",
    },
  })
end

local function start(bufnr, opts)
  local config = {
    name = "proftpd-lint",
    cmd = opts.cmd or { "proftpd-lint", "server" },
    root_dir = vim.fs and vim.fs.dirname(vim.api.nvim_buf_get_name(bufnr))
      or vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":h"),
    init_options = opts.settings or vim.empty_dict(),
  }
  if vim.lsp.start then -- Neovim 0.8+: reuses a running client
    vim.lsp.start(config, { bufnr = bufnr })
  else
    M.client_id = M.client_id or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, M.client_id)
  end
end

function M.setup(opts)
  opts = opts or {}
  M.filetypes()
  vim.api.nvim_create_autocmd("FileType", {
    pattern = "proftpd",
    callback = function(args)
      start(args.buf, opts)
    end,
  })
end

return M
