// The rich-text editor of every rich-text field (core.richtext.RichTextWidget).
//
// Bundled by scripts/build-static.mjs (esbuild) into static/vendor/richtext/richtext.js.
// Without JavaScript the field stays a plain textarea. With it, the textarea is hidden and
// a Tiptap (ProseMirror) editor writes its HTML into it on every change; the server cleans
// whatever arrives (nh3), so the editor only has to be friendly, not trusted.
// The toolbar is server-rendered in a <template> (translated labels, real <button>s).
// No inline styles and no <style> element: Tiptap's CSS injection is off, the few rules
// ProseMirror needs are in knotenpunkt.css ("Rich-text editor").
import { Editor, Extension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

const TOGGLES = {
  bold: (chain) => chain.toggleBold(),
  italic: (chain) => chain.toggleItalic(),
  heading: (chain) => chain.toggleHeading({ level: 3 }),
  subheading: (chain) => chain.toggleHeading({ level: 4 }),
  bulletList: (chain) => chain.toggleBulletList(),
  orderedList: (chain) => chain.toggleOrderedList(),
};

const ACTIVE = {
  bold: (editor) => editor.isActive("bold"),
  italic: (editor) => editor.isActive("italic"),
  heading: (editor) => editor.isActive("heading", { level: 3 }),
  subheading: (editor) => editor.isActive("heading", { level: 4 }),
  bulletList: (editor) => editor.isActive("bulletList"),
  orderedList: (editor) => editor.isActive("orderedList"),
};

let counter = 0;

function normaliseUrl(value) {
  const url = value.trim();
  if (!url) return "";
  if (/^(https?:|mailto:|tel:)/i.test(url)) return url;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(url)) return `mailto:${url}`;
  if (/^\+?[\d\s/()-]{5,}$/.test(url)) return `tel:${url.replace(/[^\d+]/g, "")}`;
  return `https://${url}`;
}

function labelOf(textarea) {
  const label = document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`);
  if (label && !label.id) label.id = `${textarea.id}_label`;
  return label;
}

function setUp(wrapper) {
  if (wrapper.dataset.richtextReady) return;
  const textarea = wrapper.querySelector("textarea");
  const template = wrapper.querySelector("template");
  if (!textarea || !template) return;
  wrapper.dataset.richtextReady = "true";
  counter += 1;
  const id = textarea.id || `kp-richtext-${counter}`;
  const parts = template.content.cloneNode(true);
  const toolbar = parts.querySelector("[role=toolbar]");
  const linkPanel = parts.querySelector("[data-link-panel]");
  const linkInput = linkPanel.querySelector("input");
  const surface = document.createElement("div");
  surface.className = "kp-richtext__surface";
  toolbar.setAttribute("aria-controls", `${id}_editor`);
  linkInput.id = `${id}_link`;
  linkPanel.querySelector("label").htmlFor = linkInput.id;
  linkPanel.id = `${id}_link_panel`;
  toolbar.querySelector("[data-command=link]").setAttribute("aria-controls", linkPanel.id);
  wrapper.insertBefore(parts, textarea);
  wrapper.insertBefore(surface, textarea);
  textarea.hidden = true;
  wrapper.classList.add("kp-richtext--enhanced");

  const label = labelOf(textarea);
  const attributes = {
    id: `${id}_editor`,
    class: `kp-richtext__editor ${textarea.className}`,
    role: "textbox",
    "aria-multiline": "true",
    lang: textarea.getAttribute("lang") || "",
    dir: textarea.getAttribute("dir") || "auto",
  };
  if (label) attributes["aria-labelledby"] = label.id;
  for (const name of ["aria-describedby", "aria-invalid", "aria-required"]) {
    if (textarea.hasAttribute(name)) attributes[name] = textarea.getAttribute(name);
  }
  if (!attributes.lang) delete attributes.lang;

  const Shortcuts = Extension.create({
    name: "knotenpunktShortcuts",
    addKeyboardShortcuts() {
      return {
        "Mod-k": () => {
          openLinkPanel();
          return true;
        },
        "Alt-F10": () => {
          focusToolbar();
          return true;
        },
      };
    },
  });

  const editor = new Editor({
    element: surface,
    content: textarea.value,
    injectCSS: false,
    editorProps: { attributes },
    extensions: [
      StarterKit.configure({
        heading: { levels: [3, 4] },
        blockquote: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        dropcursor: false,
        gapcursor: false,
        trailingNode: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: "https",
          protocols: ["mailto", "tel"],
          HTMLAttributes: { target: null, rel: null, class: null },
        },
      }),
      Shortcuts,
    ],
  });

  const buttons = Array.from(toolbar.querySelectorAll("button"));
  let current = 0;
  buttons.forEach((button, index) => {
    button.tabIndex = index === 0 ? 0 : -1;
  });

  function sync() {
    textarea.value = editor.isEmpty ? "" : editor.getHTML();
  }

  function refresh() {
    for (const button of buttons) {
      const active = ACTIVE[button.dataset.command];
      if (active) button.setAttribute("aria-pressed", String(active(editor)));
    }
    const link = toolbar.querySelector("[data-command=link]");
    link.setAttribute("aria-pressed", String(editor.isActive("link")));
  }

  function focusButton(index) {
    buttons[current].tabIndex = -1;
    current = (index + buttons.length) % buttons.length;
    buttons[current].tabIndex = 0;
    buttons[current].focus();
  }

  function focusToolbar() {
    focusButton(current);
  }

  function openLinkPanel() {
    linkInput.value = editor.getAttributes("link").href || "";
    linkPanel.hidden = false;
    toolbar.querySelector("[data-command=link]").setAttribute("aria-expanded", "true");
    linkInput.focus();
  }

  function closeLinkPanel() {
    linkPanel.hidden = true;
    toolbar.querySelector("[data-command=link]").setAttribute("aria-expanded", "false");
    editor.commands.focus();
  }

  function applyLink() {
    const href = normaliseUrl(linkInput.value);
    const chain = editor.chain().focus().extendMarkRange("link");
    if (!href) {
      chain.unsetLink().run();
    } else if (editor.state.selection.empty && !editor.isActive("link")) {
      chain
        .insertContent({ type: "text", text: linkInput.value.trim(), marks: [{ type: "link", attrs: { href } }] })
        .run();
    } else {
      chain.setLink({ href }).run();
    }
    linkPanel.hidden = true;
    toolbar.querySelector("[data-command=link]").setAttribute("aria-expanded", "false");
  }

  editor.on("update", sync);
  editor.on("transaction", refresh);
  sync();
  refresh();

  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    focusButtonSilently(button);
    const command = button.dataset.command;
    if (command === "link") {
      if (linkPanel.hidden) openLinkPanel();
      else closeLinkPanel();
      return;
    }
    if (command === "undo") editor.chain().focus().undo().run();
    else if (command === "redo") editor.chain().focus().redo().run();
    else if (TOGGLES[command]) TOGGLES[command](editor.chain().focus()).run();
  });

  function focusButtonSilently(button) {
    buttons[current].tabIndex = -1;
    current = buttons.indexOf(button);
    button.tabIndex = 0;
  }

  toolbar.addEventListener("keydown", (event) => {
    const rtl = getComputedStyle(toolbar).direction === "rtl";
    const next = rtl ? "ArrowLeft" : "ArrowRight";
    const previous = rtl ? "ArrowRight" : "ArrowLeft";
    if (event.key === next) focusButton(current + 1);
    else if (event.key === previous) focusButton(current - 1);
    else if (event.key === "Home") focusButton(0);
    else if (event.key === "End") focusButton(buttons.length - 1);
    else if (event.key === "Escape") editor.commands.focus();
    else return;
    event.preventDefault();
  });

  linkPanel.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target === linkInput) {
      event.preventDefault();
      applyLink();
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeLinkPanel();
    }
  });
  linkPanel.querySelector("[data-link=apply]").addEventListener("click", applyLink);
  linkPanel.querySelector("[data-link=remove]").addEventListener("click", () => {
    linkInput.value = "";
    applyLink();
  });
  linkPanel.querySelector("[data-link=cancel]").addEventListener("click", closeLinkPanel);

  if (label) label.addEventListener("click", () => editor.commands.focus());
  // An error summary links to the field (#id_description): the editor takes its place.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest(`a[href="#${CSS.escape(textarea.id)}"]`);
    if (!link) return;
    event.preventDefault();
    surface.scrollIntoView({ block: "center" });
    editor.commands.focus();
  });
  const form = textarea.form;
  if (form) form.addEventListener("submit", sync);
}

function setUpWithin(root) {
  if (root.matches && root.matches("[data-richtext]")) setUp(root);
  root.querySelectorAll?.("[data-richtext]").forEach(setUp);
}

setUpWithin(document);
document.addEventListener("htmx:load", (event) => setUpWithin(event.target));
