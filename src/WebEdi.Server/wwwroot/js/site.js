// WebEdi's only script. Everything works without it; it adds conveniences where a browser runs scripts.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
    // "Select all" checkboxes: <input type="checkbox" data-select-all="name"> toggles every checkbox named "name".
    for (const all of document.querySelectorAll("input[data-select-all]")) {
        all.addEventListener("change", () => {
            for (const box of document.querySelectorAll(`input[type=checkbox][name="${all.dataset.selectAll}"]`)) {
                box.checked = all.checked;
            }
        });
    }

    // Buttons with data-confirm ask before submitting.
    for (const button of document.querySelectorAll("[data-confirm]")) {
        button.addEventListener("click", event => {
            if (!window.confirm(button.dataset.confirm)) {
                event.preventDefault();
            }
        });
    }
});
