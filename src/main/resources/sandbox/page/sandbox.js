// The Talent Pool sandbox page: a minimal Slack client for this one bot. It polls /sandbox/api/state for what
// the bot sent (messages, modals, App Home) and renders their Block Kit JSON with DOM calls only: everything
// shown is text, nothing received is ever parsed as HTML. Each command, click and submission goes to
// /sandbox/api/*, which turns it into the signed request Slack would send to the bot.
'use strict';

(() => {
  const POLL_MILLIS = 1000;
  const EMOJI = {
    white_check_mark: '✅', heavy_check_mark: '✔️', x: '❌', warning: '⚠️', wave: '👋', tada: '🎉',
    calendar: '📅', spiral_calendar_pad: '🗓️', clock1: '🕐', hourglass: '⌛', hourglass_flowing_sand: '⏳',
    bust_in_silhouette: '👤', busts_in_silhouette: '👥', mag: '🔍', bell: '🔔', memo: '📝', lock: '🔒',
    office: '🏢', classical_building: '🏛️', information_source: 'ℹ️', inbox_tray: '📥', outbox_tray: '📤',
    pound: '💷', moneybag: '💰', handshake: '🤝', raised_hand: '✋', no_entry: '⛔', star: '⭐', pencil2: '✏️',
    arrow_right: '➡️', thumbsup: '👍', '+1': '👍', thumbsdown: '👎', '-1': '👎', zzz: '💤', rocket: '🚀'
  };

  const page = {
    people: [],
    peopleById: new Map(),
    user: null,
    channel: null,
    tab: 'conversation',
    state: null,
    shown: { conversations: '', messages: '', home: '', modal: '' },
    modalInputs: [],
    polling: false,
    pollTimer: null
  };

  const $ = (id) => document.getElementById(id);

  /** Creates an element; props may set className, text, attributes (attrs) and listeners (on). */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    const options = props || {};
    if (options.className) node.className = options.className;
    if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
    if (options.attrs) {
      for (const [name, value] of Object.entries(options.attrs)) {
        if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
      }
    }
    if (options.on) {
      for (const [event, listener] of Object.entries(options.on)) node.addEventListener(event, listener);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  async function call(path, body) {
    const options = body === undefined ? { headers: {} }
      : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
    const response = await fetch(path, options);
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (notJson) { json = null; }
    if (!response.ok) {
      const message = json && (json.title || json.message) ? (json.title || json.message) : text;
      throw new Error(message || ('HTTP ' + response.status));
    }
    return json;
  }

  // ----- text: Slack's mrkdwn, rendered as DOM nodes -----

  function decodeEntities(text) {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  function emoji(text) {
    return text.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] || whole);
  }

  function appendPlain(parent, text) {
    const lines = emoji(decodeEntities(text)).split('\n');
    lines.forEach((line, index) => {
      if (index > 0) parent.append(el('br'));
      if (line) parent.append(document.createTextNode(line));
    });
  }

  function safeUrl(url) {
    return /^(https?:|mailto:)/i.test(url) ? url : null;
  }

  /** One <...> token: a mention, a channel, a special mention, a date or a link. */
  function appendToken(parent, token) {
    const bar = token.indexOf('|');
    const target = bar < 0 ? token : token.slice(0, bar);
    const label = bar < 0 ? null : token.slice(bar + 1);
    if (target.startsWith('@')) {
      const person = page.peopleById.get(target.slice(1));
      parent.append(el('span', { className: 'mention', text: '@' + (person ? person.name : (label || target.slice(1))) }));
    } else if (target.startsWith('#')) {
      parent.append(el('span', { className: 'mention', text: '#' + decodeEntities(label || target.slice(1)) }));
    } else if (target.startsWith('!date')) {
      appendPlain(parent, label || '');
    } else if (target.startsWith('!')) {
      const name = target.slice(1).split('^')[0];
      parent.append(el('span', { className: 'mention', text: '@' + (label || name) }));
    } else {
      const url = safeUrl(decodeEntities(target));
      if (url) {
        parent.append(el('a', { text: decodeEntities(label || target), attrs: { href: url, target: '_blank', rel: 'noopener noreferrer' } }));
      } else {
        appendPlain(parent, label || target);
      }
    }
  }

  const INLINE = /(`[^`\n]+`)|(<[^<>\n]+>)|((?<![\w*])\*(?!\s)[^*\n]+?(?<!\s)\*(?![\w*]))|((?<![\w_])_(?!\s)[^_\n]+?(?<!\s)_(?![\w_]))|((?<![\w~])~(?!\s)[^~\n]+?(?<!\s)~(?![\w~]))/;

  function appendInline(parent, text) {
    let rest = text;
    while (rest.length > 0) {
      const match = INLINE.exec(rest);
      if (!match) {
        appendPlain(parent, rest);
        return;
      }
      if (match.index > 0) appendPlain(parent, rest.slice(0, match.index));
      const token = match[0];
      if (match[1]) {
        parent.append(el('code', { text: decodeEntities(token.slice(1, -1)) }));
      } else if (match[2]) {
        appendToken(parent, token.slice(1, -1));
      } else {
        const tag = match[3] ? 'strong' : match[4] ? 'em' : 's';
        const inner = el(tag);
        appendInline(inner, token.slice(1, -1));
        parent.append(inner);
      }
      rest = rest.slice(match.index + token.length);
    }
  }

  function mrkdwn(text) {
    const container = el('div', { className: 'mrkdwn' });
    const parts = String(text || '').split('```');
    parts.forEach((part, index) => {
      if (index % 2 === 1) {
        container.append(el('pre', { text: decodeEntities(part.replace(/^\n/, '')) }));
        return;
      }
      const lines = part.split('\n');
      let paragraph = el('span');
      lines.forEach((line, lineIndex) => {
        if (line.startsWith('&gt; ') || line.startsWith('> ')) {
          if (paragraph.childNodes.length) container.append(paragraph);
          const quote = el('blockquote');
          appendInline(quote, line.replace(/^(&gt;|>) /, ''));
          container.append(quote);
          paragraph = el('span');
          return;
        }
        if (lineIndex > 0 && paragraph.childNodes.length) paragraph.append(el('br'));
        appendInline(paragraph, line);
      });
      if (paragraph.childNodes.length) container.append(paragraph);
    });
    return container;
  }

  /** A text object: mrkdwn or plain_text. */
  function textObject(object) {
    if (!object) return el('span');
    if (object.type === 'mrkdwn') return mrkdwn(object.text);
    const span = el('span');
    appendPlain(span, String(object.text || ''));
    return span;
  }

  function plain(object) {
    return object && object.text !== undefined ? emoji(decodeEntities(String(object.text))) : '';
  }

  // ----- Block Kit -----

  /**
   * Renders blocks. `where` says where they live: { messageId } for a message, { viewId, inputs } for a modal or
   * the App Home (inputs collects the readers of input elements, for view state).
   */
  function renderBlocks(blocks, where) {
    const container = el('div', { className: 'blocks' });
    (blocks || []).forEach((block) => container.append(renderBlock(block, where)));
    return container;
  }

  function renderBlock(block, where) {
    switch (block.type) {
      case 'section': {
        const main = el('div', { className: 'section-main' });
        if (block.text) main.append(textObject(block.text));
        if (Array.isArray(block.fields)) {
          const fields = el('div', { className: 'fields' });
          block.fields.forEach((field) => fields.append(textObject(field)));
          main.append(fields);
        }
        const section = el('div', { className: 'block block-section' }, main);
        if (block.accessory) section.append(renderElement(block.accessory, block, where));
        return section;
      }
      case 'context': {
        const context = el('div', { className: 'block block-context' });
        (block.elements || []).forEach((element) => {
          context.append(element.type === 'image' ? imageAlt(element) : textObject(element));
        });
        return context;
      }
      case 'actions': {
        const actions = el('div', { className: 'block block-actions' });
        (block.elements || []).forEach((element) => actions.append(renderElement(element, block, where)));
        return actions;
      }
      case 'divider':
        return el('hr', { className: 'block-divider' });
      case 'header':
        return el('div', { className: 'block block-header', text: plain(block.text) });
      case 'image':
        return el('div', { className: 'block' }, block.title ? el('div', { text: plain(block.title) }) : null, imageAlt(block));
      case 'input':
        return renderInput(block, where);
      case 'rich_text':
        return el('div', { className: 'block', text: richText(block) });
      default:
        return el('div', { className: 'block unsupported', text: '[a ' + block.type + ' block, which the sandbox does not show]' });
    }
  }

  function imageAlt(image) {
    return el('span', { className: 'image-alt', text: '[image: ' + (image.alt_text || '') + ']' });
  }

  function richText(node) {
    if (!node) return '';
    if (typeof node.text === 'string') return node.text;
    if (Array.isArray(node.elements)) return node.elements.map(richText).join('');
    return '';
  }

  function optionObject(option) {
    if (!option) return null;
    const value = { text: option.text, value: option.value };
    if (option.description) value.description = option.description;
    return value;
  }

  function allOptions(element) {
    if (Array.isArray(element.options)) return element.options;
    if (Array.isArray(element.option_groups)) return element.option_groups.flatMap((group) => group.options || []);
    return [];
  }

  function fillOptions(select, element, initialValues) {
    if (Array.isArray(element.option_groups)) {
      element.option_groups.forEach((group) => {
        const optgroup = el('optgroup', { attrs: { label: plain(group.label) } });
        (group.options || []).forEach((option) => optgroup.append(optionNode(option, initialValues)));
        select.append(optgroup);
      });
    } else {
      (element.options || []).forEach((option) => select.append(optionNode(option, initialValues)));
    }
  }

  function optionNode(option, initialValues) {
    return el('option', { text: plain(option.text), attrs: { value: option.value, selected: initialValues.includes(option.value) } });
  }

  function peopleSelect(multiple, initial) {
    const select = el('select', { attrs: { multiple } });
    if (!multiple) select.append(el('option', { text: 'Choose a person', attrs: { value: '' } }));
    page.people.forEach((person) => select.append(el('option', {
      text: person.name, attrs: { value: person.id, selected: initial.includes(person.id) }
    })));
    return select;
  }

  /** An interactive element outside an input block: acts at once, as in Slack. */
  function renderElement(element, block, where) {
    const base = { action_id: element.action_id, block_id: block.block_id, type: element.type };
    switch (element.type) {
      case 'button': {
        const text = plain(element.text);
        return el('button', {
          className: element.style === 'primary' ? 'primary' : element.style === 'danger' ? 'danger' : '',
          text, attrs: { type: 'button', 'data-action-id': element.action_id },
          on: { click: () => act(where, Object.assign(base, { value: element.value, text: element.text })) }
        });
      }
      case 'static_select':
      case 'overflow': {
        const select = el('select', { attrs: { 'data-action-id': element.action_id } });
        select.append(el('option', { text: element.type === 'overflow' ? '⋯' : plain(element.placeholder) || 'Choose', attrs: { value: '' } }));
        fillOptions(select, element, element.initial_option ? [element.initial_option.value] : []);
        select.addEventListener('change', () => {
          const option = allOptions(element).find((candidate) => candidate.value === select.value);
          if (option) act(where, Object.assign(base, { selected_option: optionObject(option) }));
        });
        return select;
      }
      case 'users_select': {
        const select = peopleSelect(false, element.initial_user ? [element.initial_user] : []);
        select.setAttribute('data-action-id', element.action_id);
        select.addEventListener('change', () => {
          if (select.value) act(where, Object.assign(base, { selected_user: select.value }));
        });
        return select;
      }
      case 'datepicker': {
        const input = el('input', { attrs: { type: 'date', value: element.initial_date, 'data-action-id': element.action_id } });
        input.addEventListener('change', () => act(where, Object.assign(base, { selected_date: input.value })));
        return input;
      }
      case 'image':
        return imageAlt(element);
      default: {
        // Inputs placed in actions blocks (multi-selects, checkboxes…) act through their reader on change.
        const reader = inputElement(element);
        reader.node.addEventListener('change', () => act(where, Object.assign(base, reader.read())));
        return reader.node;
      }
    }
  }

  /** An element inside an input block: its DOM node and a reader giving its state value, as Slack sends it. */
  function inputElement(element) {
    const type = element.type;
    switch (type) {
      case 'plain_text_input':
      case 'email_text_input':
      case 'url_text_input':
      case 'number_input': {
        const multiline = type === 'plain_text_input' && element.multiline;
        const node = multiline ? el('textarea') : el('input', {
          attrs: { type: type === 'number_input' ? 'number' : type === 'email_text_input' ? 'email' : type === 'url_text_input' ? 'url' : 'text' }
        });
        if (element.placeholder) node.setAttribute('placeholder', plain(element.placeholder));
        if (element.initial_value !== undefined) node.value = String(element.initial_value);
        if (type === 'number_input' && element.is_decimal_allowed) node.setAttribute('step', 'any');
        return {
          node,
          empty: () => node.value.trim() === '',
          check: () => {
            const length = node.value.length;
            if (element.min_length && length > 0 && length < element.min_length) return 'Use at least ' + element.min_length + ' characters.';
            if (element.max_length && length > element.max_length) return 'Use at most ' + element.max_length + ' characters.';
            return null;
          },
          read: () => ({ type, value: node.value === '' ? null : node.value })
        };
      }
      case 'static_select':
      case 'multi_static_select': {
        const multiple = type === 'multi_static_select';
        const initial = multiple ? (element.initial_options || []).map((option) => option.value)
          : element.initial_option ? [element.initial_option.value] : [];
        const node = el('select', { attrs: { multiple } });
        if (!multiple) node.append(el('option', { text: plain(element.placeholder) || 'Choose an option', attrs: { value: '' } }));
        fillOptions(node, element, initial);
        const chosen = () => Array.from(node.selectedOptions).map((option) => option.value).filter((value) => value !== '')
          .map((value) => optionObject(allOptions(element).find((candidate) => candidate.value === value)));
        return {
          node,
          empty: () => chosen().length === 0,
          read: () => multiple ? { type, selected_options: chosen() } : { type, selected_option: chosen()[0] || null }
        };
      }
      case 'external_select':
      case 'multi_external_select': {
        // Options loaded from the app are not offered: the typed text is the chosen value.
        const multiple = type === 'multi_external_select';
        const node = el('input', { attrs: { type: 'text', placeholder: (plain(element.placeholder) || 'Type a value') + (multiple ? ' (comma-separated)' : '') } });
        const values = () => node.value.split(multiple ? ',' : '\n').map((value) => value.trim()).filter((value) => value)
          .map((value) => ({ text: { type: 'plain_text', text: value }, value }));
        return {
          node,
          empty: () => values().length === 0,
          read: () => multiple ? { type, selected_options: values() } : { type, selected_option: values()[0] || null }
        };
      }
      case 'users_select':
      case 'multi_users_select': {
        const multiple = type === 'multi_users_select';
        const node = peopleSelect(multiple, multiple ? (element.initial_users || []) : element.initial_user ? [element.initial_user] : []);
        const chosen = () => Array.from(node.selectedOptions).map((option) => option.value).filter((value) => value !== '');
        return {
          node,
          empty: () => chosen().length === 0,
          read: () => multiple ? { type, selected_users: chosen() } : { type, selected_user: chosen()[0] || null }
        };
      }
      case 'conversations_select':
      case 'channels_select': {
        const node = el('input', { attrs: { type: 'text', placeholder: 'Channel ID, e.g. C0POOLADMINS' } });
        const key = type === 'channels_select' ? 'selected_channel' : 'selected_conversation';
        return { node, empty: () => node.value.trim() === '', read: () => ({ type, [key]: node.value.trim() || null }) };
      }
      case 'datepicker': {
        const node = el('input', { attrs: { type: 'date', value: element.initial_date } });
        return { node, empty: () => !node.value, read: () => ({ type, selected_date: node.value || null }) };
      }
      case 'timepicker': {
        const node = el('input', { attrs: { type: 'time', value: element.initial_time } });
        return { node, empty: () => !node.value, read: () => ({ type, selected_time: node.value || null }) };
      }
      case 'checkboxes':
      case 'radio_buttons': {
        const node = el('div');
        const initial = type === 'checkboxes' ? (element.initial_options || []).map((option) => option.value)
          : element.initial_option ? [element.initial_option.value] : [];
        const name = 'choice-' + Math.random().toString(36).slice(2);
        const boxes = (element.options || []).map((option) => {
          const box = el('input', { attrs: { type: type === 'checkboxes' ? 'checkbox' : 'radio', name, value: option.value, checked: initial.includes(option.value) } });
          node.append(el('label', { className: 'choice' }, box, ' ', textObject(option.text)));
          return { box, option };
        });
        const chosen = () => boxes.filter((entry) => entry.box.checked).map((entry) => optionObject(entry.option));
        return {
          node,
          empty: () => chosen().length === 0,
          read: () => type === 'checkboxes' ? { type, selected_options: chosen() } : { type, selected_option: chosen()[0] || null }
        };
      }
      default: {
        const node = el('div', { className: 'unsupported', text: '[a ' + type + ' element, which the sandbox does not offer]' });
        return { node, empty: () => true, read: () => ({ type }) };
      }
    }
  }

  function renderInput(block, where) {
    const element = block.element || {};
    const reader = inputElement(element);
    const wrapper = el('div', { className: 'block input-block', attrs: { 'data-block-id': block.block_id } });
    const label = el('label', { className: 'input-label', text: plain(block.label) });
    if (block.optional) label.append(el('span', { className: 'optional', text: ' (optional)' }));
    wrapper.append(label, reader.node);
    if (block.hint) wrapper.append(el('div', { className: 'hint', text: plain(block.hint) }));
    const error = el('div', { className: 'field-error', attrs: { 'data-error-for': block.block_id } });
    wrapper.append(error);
    if (block.dispatch_action) {
      const fire = () => act(where, Object.assign({ action_id: element.action_id, block_id: block.block_id }, reader.read()));
      if (reader.node.tagName === 'INPUT') {
        reader.node.addEventListener('keydown', (event) => {
          if (event.key === 'Enter') { event.preventDefault(); fire(); }
        });
      } else {
        reader.node.addEventListener('change', fire);
      }
    }
    if (where && where.inputs) {
      where.inputs.push({ block, element, reader, wrapper, error });
    }
    return wrapper;
  }

  /** The view state Slack sends: block_id → action_id → value. */
  function stateValues(inputs) {
    const values = {};
    (inputs || []).forEach((input) => {
      values[input.block.block_id] = values[input.block.block_id] || {};
      values[input.block.block_id][input.element.action_id] = input.reader.read();
    });
    return values;
  }

  async function act(where, action) {
    const body = { user: page.user, action };
    if (where && where.messageId) {
      body.messageId = where.messageId;
    } else if (where && where.viewId) {
      body.viewId = where.viewId;
      body.values = stateValues(where.inputs);
    } else {
      return;
    }
    try {
      await call('/sandbox/api/action', body);
      showError('');
    } catch (error) {
      showError(error.message);
    }
    pollSoon();
  }

  // ----- people -----

  async function loadPeople() {
    const answer = await call('/sandbox/api/people');
    page.people = answer.people || [];
    page.peopleById = new Map(page.people.map((person) => [person.id, person]));
    const select = $('person');
    select.replaceChildren();
    if (!page.people.length) {
      select.append(el('option', { text: 'No demo people', attrs: { value: '' } }));
      showError(answer.demoDataLoaded ? 'No demo people.' : 'No demo data: the database already held data when the'
        + ' sandbox first started. Start with a fresh database (e.g. delete ./data) to get the demo councils and people.');
      return;
    }
    const groups = new Map();
    page.people.forEach((person) => {
      const group = person.council ? person.council.name : 'Not in the pool';
      if (!groups.has(group)) groups.set(group, el('optgroup', { attrs: { label: group } }));
      groups.get(group).append(el('option', { text: person.name + ' — ' + roleLabel(person), attrs: { value: person.id } }));
    });
    groups.forEach((group) => select.append(group));
    const remembered = window.localStorage.getItem('talentpool.sandbox.user');
    const fallback = page.people.find((person) => person.kind === 'requester') || page.people[0];
    choosePerson(page.peopleById.has(remembered) ? remembered : fallback.id);
  }

  function roleLabel(person) {
    return { specialist: 'specialist', requester: 'requester', line_manager: 'line manager', admin: 'community admin',
      outsider: 'council not in the pool' }[person.kind] || person.kind;
  }

  function choosePerson(userId) {
    page.user = userId;
    page.channel = null;
    page.state = null;
    page.shown = { conversations: '', messages: '', home: '', modal: '' };
    $('person').value = userId;
    window.localStorage.setItem('talentpool.sandbox.user', userId);
    const person = page.peopleById.get(userId);
    $('person-info').textContent = person.title + ' · ' + person.email;
    $('messages').replaceChildren();
    $('home').replaceChildren();
    closeModalView();
    showError('');
    if (page.tab === 'home') openHome(); else pollSoon();
  }

  // ----- conversations -----

  function renderConversations(conversations) {
    const key = JSON.stringify(conversations.map((conversation) => [conversation.channel, conversation.name]));
    if (!page.channel || !conversations.some((conversation) => conversation.channel === page.channel)) {
      page.channel = conversations[0].channel;
    }
    if (key + page.channel + page.tab !== page.shown.conversations) {
      page.shown.conversations = key + page.channel + page.tab;
      const nav = $('nav-conversations');
      nav.replaceChildren();
      conversations.forEach((conversation) => {
        nav.append(el('button', {
          className: 'nav-item' + (page.tab === 'conversation' && conversation.channel === page.channel ? ' active' : ''),
          text: (conversation.kind === 'dm' ? '● ' : '') + conversation.name,
          attrs: { type: 'button', 'data-channel': conversation.channel },
          on: { click: () => openConversation(conversation.channel) }
        }));
      });
      $('nav-home').classList.toggle('active', page.tab === 'home');
    }
    const current = conversations.find((conversation) => conversation.channel === page.channel);
    $('conversation-title').textContent = current.name;
    renderMessages(current.messages);
  }

  function renderMessages(messages) {
    const key = JSON.stringify(messages);
    if (key === page.shown.messages) return;
    page.shown.messages = key;
    const pane = $('messages');
    pane.replaceChildren();
    if (!messages.length) {
      pane.append(el('p', { className: 'empty', text: 'Nothing here yet. Type /pool below to see what the bot can do.' }));
    }
    messages.forEach((message) => pane.append(renderMessage(message)));
    pane.scrollTop = pane.scrollHeight;
  }

  function renderMessage(message) {
    const mine = message.author === 'person';
    const node = el('div', { className: 'message' + (message.ephemeral ? ' ephemeral' : '') + (mine ? ' mine' : ''), attrs: { 'data-message-id': message.id } });
    const meta = el('div', { className: 'message-meta' });
    if (message.author === 'bot') {
      meta.append(el('strong', { text: 'Talent Pool' }), el('span', { className: 'app-badge', text: 'APP' }));
    } else if (message.author === 'slackbot') {
      meta.append(el('strong', { text: 'Slackbot' }));
    } else {
      meta.append(el('strong', { text: 'You' }));
    }
    meta.append(el('span', { text: time(message.ts) }));
    if (message.edited) meta.append(el('span', { text: ' (edited)' }));
    if (message.ephemeral) meta.append(el('span', { className: 'only-you', text: 'Only visible to you' }));
    node.append(meta);
    const body = el('div', { className: 'message-body' });
    if (mine) {
      body.textContent = message.text;
    } else if (Array.isArray(message.blocks) && message.blocks.length) {
      body.append(renderBlocks(message.blocks, { messageId: message.id }));
    } else {
      body.append(mrkdwn(message.text));
    }
    (message.files || []).forEach((file) => body.append(el('div', {}, el('a', {
      className: 'file', text: '📎 ' + (file.title || file.name), attrs: { href: '/sandbox/files/' + encodeURIComponent(file.id), download: file.name }
    }))));
    node.append(body);
    return node;
  }

  function time(ts) {
    const date = new Date(parseFloat(ts) * 1000);
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function openConversation(channel) {
    page.tab = 'conversation';
    page.channel = channel;
    page.shown.messages = '';
    $('conversation-pane').hidden = false;
    $('home-pane').hidden = true;
    if (page.state) render(page.state);
  }

  async function sendCommand(event) {
    event.preventDefault();
    const input = $('composer-input');
    const text = input.value.trim();
    if (!text) return;
    try {
      await call('/sandbox/api/command', { user: page.user, channel: page.channel, text });
      input.value = '';
      showError('');
    } catch (error) {
      showError(error.message);
    }
    pollSoon();
  }

  function showError(message) {
    $('composer-error').textContent = message || '';
  }

  // ----- App Home -----

  async function openHome() {
    page.tab = 'home';
    page.shown.conversations = '';
    $('conversation-pane').hidden = true;
    $('home-pane').hidden = false;
    if (page.state) render(page.state);
    if (!page.shown.home) {
      $('home').replaceChildren(el('p', { className: 'empty', text: 'Opening your App Home…' }));
    }
    try {
      await call('/sandbox/api/home', { user: page.user });
    } catch (error) {
      $('home').replaceChildren(el('p', { className: 'field-error', text: error.message }));
    }
    pollSoon();
  }

  function renderHome(view) {
    if (!view) return;
    const key = view.id + '/' + view.hash;
    if (key === page.shown.home) return;
    page.shown.home = key;
    const where = { viewId: view.id, inputs: [] };
    $('home').replaceChildren(renderBlocks(view.blocks, where));
  }

  // ----- modals -----

  function renderModal(modal) {
    if (!modal) {
      if (page.shown.modal) closeModalView();
      return;
    }
    const view = modal.view;
    const key = view.id + '/' + view.hash;
    if (key === page.shown.modal) return;
    page.shown.modal = key;
    const where = { viewId: view.id, inputs: [] };
    page.modalWhere = where;
    $('modal-title').textContent = plain(view.title) || 'Talent Pool';
    $('modal-body').replaceChildren(renderBlocks(view.blocks, where));
    $('modal-error').textContent = '';
    $('modal-submit').hidden = !view.submit;
    $('modal-submit').textContent = view.submit ? plain(view.submit) : 'Submit';
    $('modal-cancel').textContent = view.close ? plain(view.close) : 'Cancel';
    $('modal-backdrop').hidden = false;
  }

  function closeModalView() {
    page.shown.modal = '';
    page.modalWhere = null;
    $('modal-backdrop').hidden = true;
    $('modal-body').replaceChildren();
  }

  function showFieldErrors(errors) {
    (page.modalWhere ? page.modalWhere.inputs : []).forEach((input) => {
      const message = errors[input.block.block_id] || '';
      input.error.textContent = message;
      input.wrapper.classList.toggle('has-error', Boolean(message));
    });
  }

  async function submitModal(event) {
    event.preventDefault();
    const where = page.modalWhere;
    if (!where) return;
    // Slack checks required fields and lengths itself before sending anything.
    const errors = {};
    where.inputs.forEach((input) => {
      if (!input.block.optional && input.reader.empty()) errors[input.block.block_id] = 'Please complete this required field.';
      else if (input.reader.check && input.reader.check()) errors[input.block.block_id] = input.reader.check();
    });
    showFieldErrors(errors);
    if (Object.keys(errors).length) return;
    $('modal-submit').disabled = true;
    try {
      const result = await call('/sandbox/api/submit', { user: page.user, viewId: where.viewId, values: stateValues(where.inputs) });
      if (result.result === 'errors') {
        showFieldErrors(result.errors || {});
      } else if (result.result === 'failed') {
        $('modal-error').textContent = result.error;
      } else {
        $('modal-error').textContent = result.warning || '';
      }
    } catch (error) {
      $('modal-error').textContent = error.message;
    } finally {
      $('modal-submit').disabled = false;
    }
    pollSoon();
  }

  async function dismissModal() {
    const where = page.modalWhere;
    if (!where) return;
    try {
      await call('/sandbox/api/close', { user: page.user, viewId: where.viewId });
    } catch (error) {
      $('modal-error').textContent = error.message;
    }
    closeModalView();
    pollSoon();
  }

  // ----- polling -----

  function render(state) {
    if (state.conversations && state.conversations.length) renderConversations(state.conversations);
    if (page.tab === 'home') renderHome(state.home);
    renderModal(state.modal);
  }

  async function poll() {
    if (page.polling || !page.user) return;
    page.polling = true;
    const user = page.user;
    try {
      const state = await call('/sandbox/api/state?user=' + encodeURIComponent(user));
      if (user === page.user) {
        page.state = state;
        render(state);
      }
    } catch (error) {
      showError('The sandbox is not answering (' + error.message + '). Is the service still running?');
    } finally {
      page.polling = false;
    }
  }

  /** Polls now, then again after a pause; there is never more than one pause pending. */
  function pollSoon() {
    window.clearTimeout(page.pollTimer);
    poll().finally(() => {
      window.clearTimeout(page.pollTimer);
      page.pollTimer = window.setTimeout(pollSoon, POLL_MILLIS);
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('person').addEventListener('change', (event) => { if (event.target.value) choosePerson(event.target.value); });
    $('composer').addEventListener('submit', sendCommand);
    $('nav-home').addEventListener('click', openHome);
    $('modal-form').addEventListener('submit', submitModal);
    $('modal-cancel').addEventListener('click', dismissModal);
    $('modal-close').addEventListener('click', dismissModal);
    loadPeople().catch((error) => showError(error.message));
  });
})();
