// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to an error summary so keyboard and screen-reader users hear it first.
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
  document.querySelectorAll("[data-filter-for]").forEach(languageList);
  document.querySelectorAll("[data-skills-for]").forEach(skillChips);
});

// Languages: a search box over the checkboxes, the chosen ones as removable chips.
function languageList(filterBox) {
  const list = document.getElementById(filterBox.dataset.filterFor);
  const input = filterBox.querySelector("input");
  const chips = document.querySelector(`[data-chips-for="${filterBox.dataset.filterFor}"]`);
  const line = chips && chips.closest(".chips-line");
  if (!list || !input) return;
  filterBox.hidden = false;
  const choices = Array.from(list.querySelectorAll(".choice"));
  input.addEventListener("input", () => {
    const typed = input.value.trim().toLowerCase();
    choices.forEach((choice) => {
      const shown = typed === "" || choice.textContent.toLowerCase().includes(typed);
      choice.style.display = shown ? "" : "none";
    });
  });
  const render = () => {
    if (!chips) return;
    chips.replaceChildren();
    const ticked = choices.map((c) => c.querySelector("input")).filter((box) => box.checked);
    ticked.forEach((box) => {
      const name = box.labels[0] ? box.labels[0].textContent.trim() : box.value;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "chip chip-remove";
      button.textContent = `${name} ×`;
      button.setAttribute("aria-label", (filterBox.dataset.removeLabel || "Remove %(skill)s")
        .replace("%(skill)s", name));
      button.addEventListener("click", () => { box.checked = false; render(); box.focus(); });
      chips.append(button, " ");
    });
    if (line) line.hidden = ticked.length === 0;
  };
  list.addEventListener("change", render);
  render();
}

// Skills: typed as chips with suggestions; the comma-separated field stays what is sent.
function skillChips(wrapper) {
  const field = document.getElementById(wrapper.dataset.skillsFor);
  if (!field) return;
  const names = () => field.value.split(",").map((s) => s.trim()).filter(Boolean);
  const chips = document.createElement("ul");
  chips.className = "tags chips-list";
  const entry = document.createElement("input");
  entry.type = "text";
  entry.id = `${field.id}-entry`;
  entry.setAttribute("list", "skill-suggestions");
  entry.setAttribute("autocomplete", "off");
  entry.setAttribute("aria-label", wrapper.dataset.addLabel || "Add a skill");
  const add = () => {
    const current = names();
    entry.value.split(",").map((s) => s.trim()).filter(Boolean).forEach((typed) => {
      if (!current.some((n) => n.toLowerCase() === typed.toLowerCase())) current.push(typed);
    });
    field.value = current.join(", ");
    entry.value = "";
    render();
  };
  const render = () => {
    chips.replaceChildren();
    names().forEach((name, index) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "chip-remove";
      button.textContent = "×";
      button.setAttribute("aria-label", (wrapper.dataset.removeLabel || "Remove %(skill)s")
        .replace("%(skill)s", name));
      button.addEventListener("click", () => {
        field.value = names().filter((_, i) => i !== index).join(", ");
        render();
        entry.focus();
      });
      item.append(`${name} `, button);
      chips.append(item);
    });
  };
  entry.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === ",") { event.preventDefault(); add(); }
  });
  entry.addEventListener("change", add);
  if (field.form) field.form.addEventListener("submit", add);
  // The label, help and error now describe the entry box; the field itself is sent.
  const label = document.querySelector(`label[for="${field.id}"]`);
  if (label) label.htmlFor = entry.id;
  if (field.getAttribute("aria-describedby")) {
    entry.setAttribute("aria-describedby", field.getAttribute("aria-describedby"));
  }
  if (field.getAttribute("aria-invalid")) entry.setAttribute("aria-invalid", "true");
  entry.removeAttribute("aria-label");
  field.type = "hidden";
  field.after(chips, entry);
  render();
}
