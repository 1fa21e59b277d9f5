//! Name resolution: which scope every name belongs to, which functions exist, and where module
//! globals must live.
//!
//! Python decides scope statically: a name assigned anywhere in a function body is local to it
//! (unless declared `global`); otherwise it is a module global, then a builtin. This pass walks
//! the module once, builds the scopes, and records for every `Name` expression what it refers to.

use crate::ast::*;
use crate::diag::Diagnostic;
use crate::source::Span;
use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub u32);

/// The module's own scope.
pub const MODULE_SCOPE: ScopeId = ScopeId(0);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassId(pub u32);

/// The key under which inference keeps the attributes of user exception instances (they all
/// are the runtime's `PyErr`, whatever their class).
pub const EXC_ATTRS: ClassId = ClassId(u32::MAX);

/// A user class (a `class` statement at module level).
#[derive(Clone, Debug)]
pub struct Class {
    pub name: String,
    pub base: Option<ClassId>,
    /// Methods defined in this class's own body.
    pub methods: Vec<(String, FuncId)>,
    /// Class attributes (`count = 0` in the class body), in order.
    pub attrs: Vec<(String, Expr)>,
    /// Annotated fields (`x: int = 0`), for `@dataclass`.
    pub fields: Vec<(String, Option<Expr>)>,
    pub dataclass: bool,
    pub span: Span,
    /// For exception classes deriving directly from a builtin exception: its name.
    pub builtin_exc_base: Option<&'static str>,
    /// For classes deriving directly from `list` or `dict`: that name. Their instances hold
    /// the builtin value in the attribute `__base__`.
    pub builtin_base: Option<&'static str>,
}

/// How a method is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    /// A plain function, not a method.
    Function,
    Instance,
    Static,
    Class,
    Property,
}

/// What a name refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Binding {
    /// A variable of a scope (a function's local, or a module global).
    Var(ScopeId, String),
    /// A module-level function bound once by `def` (or `name = lambda ...`): called directly.
    Func(FuncId),
    /// A module-level class.
    Class(ClassId),
    /// A builtin such as `print` or `len`.
    Builtin(String),
    /// An imported module such as `sys`.
    Module(String),
    /// A name imported with `from module import name`.
    Imported(String, String),
}

/// A function (a `def` or a lambda) and its scope.
#[derive(Clone, Debug)]
pub struct Func {
    pub name: String,
    /// The Rust-safe name it is emitted under (unique per program).
    pub rust_name: String,
    pub params: Vec<Param>,
    pub body: FuncBody,
    pub scope: ScopeId,
    pub span: Span,
    /// The class a method belongs to.
    pub class: Option<ClassId>,
    pub kind: MethodKind,
    /// For a function defined inside another function (a nested `def`, or a lambda used as a
    /// value there): the enclosing function.
    pub parent: Option<FuncId>,
    /// The variables of enclosing functions this function reads or assigns (directly or
    /// for a function nested in it), which it receives as shared cells.
    pub captures: Vec<(ScopeId, String)>,
    /// A function used as a value (a nested `def`, a lambda stored or passed around): its
    /// defaults are evaluated where it is defined.
    pub is_value: bool,
}

#[derive(Clone, Debug)]
pub enum FuncBody {
    Stmts(Vec<Stmt>),
    /// A lambda's single expression.
    Expr(Expr),
}

#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// Names local to this scope, in first-binding order.
    pub locals: Vec<String>,
    /// For the module scope: the globals some function reads or writes, which therefore need
    /// static storage; the others stay locals of the module body.
    pub shared: BTreeSet<String>,
}

#[derive(Debug)]
pub struct Resolution {
    pub scopes: Vec<Scope>,
    pub funcs: Vec<Func>,
    /// What each `Name` expression refers to.
    pub names: HashMap<ExprId, Binding>,
    /// The function a `def` statement or a bound lambda defines, by the statement's span start.
    pub defs: HashMap<u32, FuncId>,
    /// Modules imported with `import NAME`.
    pub imports: BTreeSet<String>,
    /// The scope of each list comprehension (its loop variables).
    pub comps: HashMap<ExprId, ScopeId>,
    /// The parameter scope of each inline lambda.
    pub lambdas: HashMap<ExprId, ScopeId>,
    /// Lambdas that are function values (stored, returned, passed to user functions): their
    /// functions. The others (`key=`, `map`) are inline closures with a scope in `lambdas`.
    pub value_lambdas: HashMap<ExprId, FuncId>,
    /// Variables captured by an inner function: they live in shared cells.
    pub cells: BTreeSet<(ScopeId, String)>,
    pub classes: Vec<Class>,
}

impl Resolution {
    pub fn class(&self, c: ClassId) -> &Class {
        &self.classes[c.0 as usize]
    }

    /// The class and its bases, nearest first (single inheritance).
    pub fn mro(&self, c: ClassId) -> Vec<ClassId> {
        let mut out = vec![c];
        let mut cur = c;
        while let Some(b) = self.class(cur).base {
            out.push(b);
            cur = b;
        }
        out
    }

    /// The top of `c`'s hierarchy: every class below it shares one Rust type.
    /// `list` or `dict` when class `c`'s hierarchy derives from that builtin type.
    pub fn builtin_base(&self, c: ClassId) -> Option<&'static str> {
        self.class(self.root(c)).builtin_base
    }

    pub fn root(&self, c: ClassId) -> ClassId {
        *self.mro(c).last().unwrap_or(&c)
    }

    /// Every class whose root is `root`, in definition order.
    pub fn tree(&self, root: ClassId) -> Vec<ClassId> {
        (0..self.classes.len() as u32).map(ClassId).filter(|&c| self.root(c) == root).collect()
    }

    /// The method `name` as instances of `c` see it (through the MRO).
    pub fn lookup_method(&self, c: ClassId, name: &str) -> Option<FuncId> {
        self.mro(c).into_iter().find_map(|k| self.class(k).methods.iter().find(|(n, _)| n == name).map(|(_, f)| *f))
    }

    /// The class attribute `name` as instances of `c` see it: the defining class.
    pub fn lookup_attr(&self, c: ClassId, name: &str) -> Option<ClassId> {
        self.mro(c).into_iter().find(|&k| self.class(k).attrs.iter().any(|(n, _)| n == name))
    }

    /// Whether a class derives (through user classes) from a builtin exception class.
    pub fn is_exception_class(&self, c: ClassId) -> bool {
        self.class(self.root(c)).builtin_exc_base.is_some()
    }

    pub fn is_subclass(&self, c: ClassId, of: ClassId) -> bool {
        self.mro(c).contains(&of)
    }
}

const BUILTINS: &[&str] = &[
    "print", "len", "range", "abs", "min", "max", "pow", "divmod", "round", "int", "float", "str", "bool",
    "hex", "bin", "oct", "enumerate", "list", "tuple", "repr", "sum", "any", "all", "__name__",
];


pub fn resolve(module: &Module) -> Result<Resolution, Vec<Diagnostic>> {
    let mut r = Resolver {
        res: Resolution {
            scopes: vec![Scope::default()],
            funcs: Vec::new(),
            names: HashMap::new(),
            defs: HashMap::new(),
            imports: BTreeSet::new(),
            comps: HashMap::new(),
            lambdas: HashMap::new(),
            value_lambdas: HashMap::new(),
            cells: BTreeSet::new(),
            classes: Vec::new(),
        },
        func_ctx: HashMap::new(),
        inline_lambdas: BTreeSet::new(),
        diags: Vec::new(),
        module_funcs: HashMap::new(),
        module_classes: HashMap::new(),
        from_imports: HashMap::new(),
        import_aliases: HashMap::new(),
    };
    r.module(module);
    if r.diags.is_empty() {
        Ok(r.res)
    } else {
        Err(r.diags)
    }
}

struct Resolver {
    res: Resolution,
    diags: Vec<Diagnostic>,
    /// Module-level names bound exactly once, to a function.
    module_funcs: HashMap<String, FuncId>,
    /// Module-level names bound exactly once, to a class.
    module_classes: HashMap<String, ClassId>,
    /// Names bound by `from module import name`: (module, name).
    from_imports: HashMap<String, (String, String)>,
    /// `import MODULE as ALIAS`: alias -> module.
    import_aliases: HashMap<String, String>,
    /// For functions defined inside functions: the scope where they are defined.
    func_ctx: HashMap<FuncId, ScopeInfo>,
    /// Lambdas passed where an inline closure is lowered (`key=`, `map`, `filter`).
    inline_lambdas: BTreeSet<ExprId>,
}

/// Per-scope facts collected before resolving its names.
#[derive(Clone)]
struct ScopeInfo {
    id: ScopeId,
    globals: BTreeSet<String>,
    /// Enclosing comprehension scopes, innermost last (their variables shadow `id`'s).
    comps: Vec<ScopeId>,
    /// The function whose scope `id` is (`None` at module level).
    func: Option<FuncId>,
    /// Enclosing functions, outermost first (their variables are visible as closures).
    enclosing: Vec<(ScopeId, FuncId)>,
    /// Names declared `nonlocal`.
    nonlocals: BTreeSet<String>,
    /// Comprehension scopes around the definition of this function (refused as captures).
    outer_comps: Vec<ScopeId>,
}

impl Resolver {
    fn module(&mut self, module: &Module) {
        // Bindings of the module scope, and which names are bound only by one def / lambda.
        let mut bind_count: HashMap<String, usize> = HashMap::new();
        let mut order = Vec::new();
        collect_bindings(&module.body, &mut |name, _| {
            if !bind_count.contains_key(name) {
                order.push(name.to_string());
            }
            *bind_count.entry(name.to_string()).or_default() += 1;
        });
        // Functions first, so bodies can call functions defined later in the file.
        for stmt in &module.body {
            let func = match &stmt.kind {
                StmtKind::FunctionDef(def) => Some((def.name.clone(), def.params.clone(), FuncBody::Stmts(def.body.clone()), def.header)),
                StmtKind::Assign { targets, value } if targets.len() == 1 => match (&targets[0].kind, &value.kind) {
                    (ExprKind::Name(n), ExprKind::Lambda { params, body }) => {
                        Some((n.clone(), params.clone(), FuncBody::Expr((**body).clone()), value.span))
                    }
                    _ => None,
                },
                _ => None,
            };
            if let StmtKind::ClassDef(def) = &stmt.kind {
                if bind_count.get(&def.name) == Some(&1) {
                    self.class_def(def);
                } else {
                    self.diags.push(Diagnostic::unsupported(def.header, format!("rebinding the class name `{}`", def.name), "a class must be bound once"));
                }
                continue;
            }
            if let StmtKind::FunctionDef(def) = &stmt.kind {
                if !def.decorators.is_empty() {
                    // `@deco def f`: `f` is a variable holding what the decorators return.
                    let id = self.new_func(&def.name, def.params.clone(), FuncBody::Stmts(def.body.clone()), def.header);
                    let f = &mut self.res.funcs[id.0 as usize];
                    f.is_value = true;
                    // The name itself is the module variable holding the decorated value.
                    f.rust_name = format!("{}_{}", ident_part(&def.name), id.0);
                    self.res.defs.insert(stmt.span.start, id);
                    continue;
                }
            }
            if let Some((name, params, body, span)) = func {
                if bind_count.get(&name) == Some(&1) {
                    let id = self.new_func(&name, params, body, span);
                    self.module_funcs.insert(name, id);
                    self.res.defs.insert(stmt.span.start, id);
                } else {
                    self.diags.push(Diagnostic::unsupported(
                        span,
                        format!("rebinding the function name `{name}`"),
                        "a module-level function must be bound once (by one `def`)",
                    ));
                }
            }
        }
        self.res.scopes[0].locals = order.into_iter().filter(|n| !self.module_funcs.contains_key(n) && !self.module_classes.contains_key(n)).collect();
        // Globals a function creates (`global x; x = ...`) exist before any body is resolved.
        walk_stmts(&module.body, &mut |s| {
            if let StmtKind::Global(names) = &s.kind {
                for n in names {
                    if !self.res.scopes[0].locals.contains(n) && !self.module_funcs.contains_key(n) && !self.module_classes.contains_key(n) {
                        self.res.scopes[0].locals.push(n.clone());
                    }
                    self.res.scopes[0].shared.insert(n.clone());
                }
            }
        });
        let info = ScopeInfo::module();
        self.stmts(&module.body, &info);
        // Resolve function bodies (their ids were assigned above; nested ones are added as found).
        let mut i = 0;
        while i < self.res.funcs.len() {
            self.func_body(FuncId(i as u32));
            i += 1;
        }
    }

    fn new_func(&mut self, name: &str, params: Vec<Param>, body: FuncBody, span: Span) -> FuncId {
        let id = FuncId(self.res.funcs.len() as u32);
        let scope = ScopeId(self.res.scopes.len() as u32);
        self.res.scopes.push(Scope::default());
        let taken = self.res.funcs.iter().any(|f| f.rust_name == rust_ident(name));
        let rust_name = if taken { format!("{}_{}", rust_ident(name), id.0) } else { rust_ident(name) };
        self.res.funcs.push(Func { name: name.to_string(), rust_name, params, body, scope, span, class: None, kind: MethodKind::Function, parent: None, captures: Vec::new(), is_value: false });
        id
    }

    /// A function defined inside a function, or a lambda used as a value: its defaults are
    /// resolved here, its body later (with `scope` as its defining scope).
    fn value_func(&mut self, name: &str, params: Vec<Param>, body: FuncBody, span: Span, scope: &ScopeInfo) -> FuncId {
        for p in &params {
            if let Some(d) = &p.default {
                self.expr(d, scope);
            }
        }
        let id = self.new_func(name, params, body, span);
        let parent_name = scope.func.map(|p| self.res.funcs[p.0 as usize].rust_name.trim_end_matches('_').to_string());
        let f = &mut self.res.funcs[id.0 as usize];
        f.is_value = true;
        f.parent = scope.func;
        f.rust_name = match parent_name {
            _ if name == "<lambda>" => format!("lambda{}", id.0),
            Some(p) => format!("{p}_{}", ident_part(name)),
            None => format!("{}_{}", ident_part(name), id.0),
        };
        self.func_ctx.insert(id, scope.clone());
        id
    }

    /// Registers a class: its base, methods (as functions), class attributes and fields.
    fn class_def(&mut self, def: &ClassDef) {
        let id = ClassId(self.res.classes.len() as u32);
        let mut base = None;
        let mut builtin_exc_base = None;
        let mut builtin_base = None;
        match def.bases.as_slice() {
            [] => {}
            [b] => match &b.kind {
                ExprKind::Name(n) if n == "object" => {}
                ExprKind::Name(n) if self.module_classes.contains_key(n) => base = self.module_classes.get(n).copied(),
                ExprKind::Name(n) if crate::builtins::exception_class(n).is_some() => builtin_exc_base = crate::builtins::exception_class(n),
                ExprKind::Name(n) if n == "list" || n == "dict" => builtin_base = Some(if n == "list" { "list" } else { "dict" }),
                _ => self.diags.push(Diagnostic::unsupported(b.span, "this base class", "a class may derive from `object`, `list`, `dict`, an exception class or a user class defined earlier")),
            },
            [_, second, ..] => self.diags.push(Diagnostic::unsupported(second.span, "multiple inheritance", "only single inheritance is supported")),
        }
        let mut dataclass = false;
        for d in &def.decorators {
            let name = match &d.kind {
                ExprKind::Name(n) => n.as_str(),
                ExprKind::Call { func, .. } => match &func.kind {
                    ExprKind::Name(n) => n.as_str(),
                    _ => "",
                },
                _ => "",
            };
            if name == "dataclass" {
                dataclass = true;
                if let ExprKind::Call { args, keywords, .. } = &d.kind {
                    // Options at their defaults are fine; the others change behaviour.
                    let default_true = |k: &crate::ast::Keyword| matches!(k.name.as_str(), "init" | "repr" | "eq") && matches!(k.value.kind, ExprKind::Bool(true));
                    let default_false = |k: &crate::ast::Keyword| matches!(k.name.as_str(), "order" | "frozen" | "unsafe_hash" | "kw_only" | "slots") && matches!(k.value.kind, ExprKind::Bool(false));
                    // `order=True`: the frontend wrote the comparison methods into the class.
                    let ordered = |k: &crate::ast::Keyword| k.name == "order" && matches!(k.value.kind, ExprKind::Bool(true));
                    if let Some(a) = args.first() {
                        self.diags.push(Diagnostic::unsupported(a.span, "this `@dataclass` argument", "only keyword options are accepted"));
                    }
                    for k in keywords.iter().filter(|k| !default_true(k) && !default_false(k) && !ordered(k)) {
                        self.diags.push(Diagnostic::unsupported(k.span, format!("`@dataclass({}=...)`", k.name), "only the default options are supported yet"));
                    }
                }
            } else {
                self.diags.push(Diagnostic::unsupported(d.span, "this class decorator", "only @dataclass is supported"));
            }
        }
        self.res.classes.push(Class { name: def.name.clone(), base, methods: Vec::new(), attrs: Vec::new(), fields: Vec::new(), dataclass, span: def.header, builtin_exc_base, builtin_base });
        let is_exception = self.res.is_exception_class(id);
        self.module_classes.insert(def.name.clone(), id);
        for s in &def.body {
            match &s.kind {
                StmtKind::FunctionDef(f) => {
                    let mut kind = MethodKind::Instance;
                    for d in &f.decorators {
                        match &d.kind {
                            ExprKind::Name(n) if n == "staticmethod" => kind = MethodKind::Static,
                            ExprKind::Name(n) if n == "classmethod" => kind = MethodKind::Class,
                            ExprKind::Name(n) if n == "property" => kind = MethodKind::Property,
                            _ => self.diags.push(Diagnostic::unsupported(d.span, "this method decorator", "only @staticmethod, @classmethod and @property are supported")),
                        }
                    }
                    if kind != MethodKind::Static && f.params.is_empty() {
                        self.diags.push(Diagnostic::unsupported(f.header, "a method without `self`", "calling it would raise TypeError"));
                        continue;
                    }
                    if is_exception && f.name != "__init__" {
                        self.diags.push(Diagnostic::unsupported(f.header, "methods of exception classes other than __init__", "not supported yet"));
                        continue;
                    }
                    let fid = self.new_func(&f.name, f.params.clone(), FuncBody::Stmts(f.body.clone()), f.header);
                    let func = &mut self.res.funcs[fid.0 as usize];
                    func.rust_name = format!("{}_{}", ident_part(&def.name), ident_part(&f.name));
                    func.class = Some(id);
                    func.kind = kind;
                    self.res.classes[id.0 as usize].methods.push((f.name.clone(), fid));
                }
                StmtKind::Assign { targets, value } if targets.len() == 1 && matches!(targets[0].kind, ExprKind::Name(_)) => {
                    let ExprKind::Name(n) = &targets[0].kind else { continue };
                    self.res.classes[id.0 as usize].attrs.push((n.clone(), value.clone()));
                }
                StmtKind::AnnAssign { target, value, .. } if matches!(target.kind, ExprKind::Name(_)) => {
                    let ExprKind::Name(n) = &target.kind else { continue };
                    if dataclass {
                        self.res.classes[id.0 as usize].fields.push((n.clone(), value.clone()));
                    } else if let Some(v) = value {
                        self.res.classes[id.0 as usize].attrs.push((n.clone(), v.clone()));
                    }
                }
                StmtKind::Pass => {}
                StmtKind::Expr(e) if matches!(e.kind, ExprKind::Str(_)) => {} // docstring
                _ => self.diags.push(Diagnostic::unsupported(s.span, "this statement in a class body", "class bodies may hold methods, attributes and docstrings")),
            }
        }
    }

    fn func_body(&mut self, id: FuncId) {
        let func = self.res.funcs[id.0 as usize].clone();
        let mut globals = BTreeSet::new();
        let mut nonlocals = BTreeSet::new();
        let mut locals: Vec<String> = func.params.iter().map(|p| p.name.clone()).collect();
        let ctx = self.func_ctx.get(&id).cloned();
        if let FuncBody::Stmts(body) = &func.body {
            own_stmts(body, &mut |s| match &s.kind {
                StmtKind::Global(names) => globals.extend(names.iter().cloned()),
                StmtKind::Nonlocal(names) => {
                    if ctx.is_none() {
                        self.diags.push(Diagnostic::syntax(s.span, "nonlocal declaration not allowed at module level"));
                    }
                    nonlocals.extend(names.iter().cloned())
                }
                _ => {}
            });
            collect_bindings(body, &mut |name, _| {
                if !globals.contains(name) && !nonlocals.contains(name) && !locals.iter().any(|l| l == name) {
                    locals.push(name.to_string());
                }
            });
        }
        for g in &globals {
            self.res.scopes[0].shared.insert(g.clone());
            if !self.res.scopes[0].locals.contains(g) {
                self.res.scopes[0].locals.push(g.clone());
            }
        }
        self.res.scopes[func.scope.0 as usize].locals = locals;
        let mut info = ScopeInfo { id: func.scope, globals, comps: Vec::new(), func: Some(id), enclosing: Vec::new(), nonlocals, outer_comps: Vec::new() };
        match ctx {
            Some(outer) => {
                // Defaults were resolved where the function is defined.
                info.enclosing = outer.enclosing.clone();
                if let Some(f) = outer.func {
                    info.enclosing.push((outer.id, f));
                }
                info.outer_comps = outer.comps.clone();
                info.outer_comps.extend(outer.outer_comps.iter().copied());
                for n in &info.nonlocals {
                    if !info.enclosing.iter().any(|(s, _)| self.res.scopes[s.0 as usize].locals.contains(n)) {
                        self.diags.push(Diagnostic::syntax(func.span, format!("no binding for nonlocal '{n}' found")));
                    }
                }
            }
            None => {
                for p in &func.params {
                    if let Some(d) = &p.default {
                        // Defaults are evaluated in the defining scope: the module here.
                        self.expr(d, &ScopeInfo::module());
                    }
                }
            }
        }
        match &func.body {
            FuncBody::Stmts(body) => self.stmts(body, &info),
            FuncBody::Expr(e) => self.expr(e, &info),
        }
    }

    fn stmts(&mut self, stmts: &[Stmt], scope: &ScopeInfo) {
        for s in stmts {
            self.stmt(s, scope);
        }
    }

    fn stmt(&mut self, s: &Stmt, scope: &ScopeInfo) {
        match &s.kind {
            StmtKind::ClassDef(def) => {
                if scope.id != MODULE_SCOPE {
                    self.diags.push(Diagnostic::unsupported(def.header, "classes defined inside functions", "classes must be defined at module level"));
                    return;
                }
                // Class attribute values and field defaults run in the class namespace, which
                // falls back to the module: a name the class body assigned earlier is refused.
                let mut earlier: Vec<String> = Vec::new();
                for st in &def.body {
                    let value = match &st.kind {
                        StmtKind::Assign { value, .. } => Some(value),
                        StmtKind::AnnAssign { value: Some(value), .. } => Some(value),
                        _ => None,
                    };
                    if let Some(value) = value {
                        let mut clash = None;
                        crate::lower::visit_expr(value, &mut |x| {
                            if let ExprKind::Name(n) = &x.kind {
                                if earlier.contains(n) {
                                    clash = Some(x.span);
                                }
                            }
                        });
                        if let Some(span) = clash {
                            self.diags.push(Diagnostic::unsupported(span, "a class attribute computed from another", "class-body names are not supported in class attribute values yet"));
                        }
                        self.expr(value, scope);
                    }
                    match &st.kind {
                        StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| if let ExprKind::Name(n) = &t.kind { earlier.push(n.clone()) }),
                        StmtKind::AnnAssign { target, .. } => if let ExprKind::Name(n) = &target.kind { earlier.push(n.clone()) },
                        StmtKind::FunctionDef(f) => earlier.push(f.name.clone()),
                        _ => {}
                    }
                }
            }
            StmtKind::FunctionDef(def) => {
                // Decorators are evaluated where the function is defined.
                for d in &def.decorators {
                    self.expr(d, scope);
                }
                if scope.id != MODULE_SCOPE {
                    let id = self.value_func(&def.name, def.params.clone(), FuncBody::Stmts(def.body.clone()), def.header, scope);
                    self.res.defs.insert(s.span.start, id);
                }
            }
            StmtKind::Return(v) => {
                if scope.id == MODULE_SCOPE {
                    self.diags.push(Diagnostic::syntax(s.span, "'return' outside function"));
                }
                if let Some(v) = v {
                    self.expr(v, scope);
                }
            }
            StmtKind::Assign { targets, value } => {
                let bound_lambda = scope.id == MODULE_SCOPE && self.res.defs.contains_key(&s.span.start);
                if !bound_lambda {
                    self.expr(value, scope);
                    for t in targets {
                        self.expr(t, scope);
                    }
                } else {
                    // `name = lambda ...` bound once: the target names the function.
                    self.expr(&targets[0], scope);
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target, scope);
                self.expr(value, scope);
            }
            StmtKind::AnnAssign { target, value, .. } => {
                self.expr(target, scope);
                if let Some(v) = value {
                    self.expr(v, scope);
                }
            }
            StmtKind::For { target, iter, body, orelse } => {
                self.expr(iter, scope);
                self.expr(target, scope);
                self.stmts(body, scope);
                self.stmts(orelse, scope);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test, scope);
                self.stmts(body, scope);
                self.stmts(orelse, scope);
            }
            StmtKind::Expr(e) => self.expr(e, scope),
            StmtKind::Import(names) => {
                for (name, alias) in names {
                    if !crate::modules::is_module(name) {
                        self.diags.push(Diagnostic::unsupported(s.span, format!("`import {name}`"), format!("the module `{name}` is not supported yet (supported: {})", crate::modules::MODULES.join(", "))));
                    } else if scope.id != MODULE_SCOPE {
                        self.diags.push(Diagnostic::unsupported(s.span, "this form of import", "only `import MODULE` at module level is supported yet"));
                    } else if let Some(alias) = alias {
                        // `import itertools as it`: `it` names the module.
                        self.import_aliases.insert(alias.clone(), name.clone());
                    } else {
                        // `import os.path` binds `os`.
                        self.res.imports.insert(name.split('.').next().unwrap_or(name).to_string());
                    }
                }
            }
            StmtKind::ImportFrom { module, names } => {
                for (name, alias) in names {
                    if !crate::modules::exports(module, name) {
                        self.diags.push(Diagnostic::unsupported(s.span, format!("`from {module} import {name}`"), "not supported yet"));
                    } else if scope.id != MODULE_SCOPE {
                        self.diags.push(Diagnostic::unsupported(s.span, "`from ... import` inside a function", "import at module level"));
                    } else if !crate::modules::is_annotation_module(module) && module != "dataclasses" {
                        self.from_imports.insert(alias.clone().unwrap_or_else(|| name.clone()), (module.clone(), name.clone()));
                    }
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.stmts(body, scope);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t, scope);
                    }
                    self.stmts(&h.body, scope);
                }
                self.stmts(orelse, scope);
                self.stmts(finalbody, scope);
            }
            StmtKind::Raise { exc, cause } => {
                for e in exc.iter().chain(cause) {
                    self.expr(e, scope);
                }
            }
            StmtKind::With { items, body } => {
                for (mgr, var) in items {
                    self.expr(mgr, scope);
                    if let Some(v) = var {
                        self.expr(v, scope);
                    }
                }
                self.stmts(body, scope);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test, scope);
                if let Some(m) = msg {
                    self.expr(m, scope);
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.expr(t, scope);
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
    }

    fn expr(&mut self, e: &Expr, scope: &ScopeInfo) {
        match &e.kind {
            ExprKind::Name(name) => {
                let b = self.lookup(name, scope, e.span);
                self.res.names.insert(e.id, b);
            }
            ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) | ExprKind::Bool(_) | ExprKind::None => {}
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left, scope);
                self.expr(right, scope);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand, scope),
            ExprKind::BoolOp { values, .. } | ExprKind::List(values) | ExprKind::Tuple(values) => {
                for v in values {
                    self.expr(v, scope);
                }
            }
            ExprKind::Compare { left, ops } => {
                self.expr(left, scope);
                for (_, x) in ops {
                    self.expr(x, scope);
                }
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func, scope);
                // Lambdas that builtins call inline (`sorted(xs, key=lambda ...)`, `map(lambda ...)`).
                let inline_key = match (&func.kind, self.res.names.get(&func.id)) {
                    (ExprKind::Name(n), Some(Binding::Builtin(_))) => matches!(n.as_str(), "sorted" | "min" | "max" | "map" | "filter"),
                    (ExprKind::Attribute { attr, .. }, _) => attr == "sort",
                    _ => false,
                };
                // itertools calls their callbacks inline too (`takewhile(lambda x: ..., xs)`).
                if crate::itertools::callee(&self.res, func).is_some() {
                    for x in args.iter().chain(keywords.iter().map(|k| &k.value)) {
                        if matches!(x.kind, ExprKind::Lambda { .. }) {
                            self.inline_lambdas.insert(x.id);
                        }
                    }
                }
                if inline_key {
                    for k in keywords.iter().filter(|k| k.name == "key") {
                        self.inline_lambdas.insert(k.value.id);
                    }
                    if let (ExprKind::Name(n), Some(a)) = (&func.kind, args.first()) {
                        if n == "map" || n == "filter" {
                            self.inline_lambdas.insert(a.id);
                        }
                    }
                }
                for a in args {
                    self.expr(a, scope);
                }
                for k in keywords {
                    self.expr(&k.value, scope);
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test, scope);
                self.expr(body, scope);
                self.expr(orelse, scope);
            }
            ExprKind::Lambda { params, body } if !self.inline_lambdas.contains(&e.id) => {
                // A lambda as a value: a function of its own.
                let id = self.value_func("<lambda>", params.clone(), FuncBody::Expr((**body).clone()), e.span, scope);
                self.res.value_lambdas.insert(e.id, id);
            }
            ExprKind::Lambda { params, body } => {
                // An inline lambda (a `key=` argument, say): its parameters are a scope of their
                // own, like a comprehension's variables; other names resolve in the enclosing
                // scope (the closure captures them).
                let own = ScopeId(self.res.scopes.len() as u32);
                self.res.scopes.push(Scope { locals: params.iter().map(|p| p.name.clone()).collect(), shared: BTreeSet::new() });
                self.res.lambdas.insert(e.id, own);
                for p in params {
                    if let Some(d) = &p.default {
                        self.expr(d, scope);
                    }
                }
                let mut inner = scope.clone();
                inner.comps.push(own);
                self.expr(body, &inner);
            }
            ExprKind::Dict(pairs) => {
                for (k, v) in pairs {
                    self.expr(k, scope);
                    self.expr(v, scope);
                }
            }
            ExprKind::Set(values) => {
                for v in values {
                    self.expr(v, scope);
                }
            }
            ExprKind::SetComp { elt, generators } => self.comprehension(e, &[elt], generators, scope),
            ExprKind::DictComp { key, value, generators } => self.comprehension(e, &[key, value], generators, scope),
            ExprKind::ListComp { elt, generators } | ExprKind::GenExp { elt, generators } => self.comprehension(e, &[elt], generators, scope),
            ExprKind::Subscript { value, index } => {
                self.expr(value, scope);
                self.expr(index, scope);
            }
            ExprKind::Attribute { value, .. } => self.expr(value, scope),
            ExprKind::FString(parts) => self.fstring(parts, scope),
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x, scope);
                }
            }
            ExprKind::Starred(inner) | ExprKind::YieldFrom(inner) => self.expr(inner, scope),
            ExprKind::Yield(v) => {
                if let Some(v) = v {
                    self.expr(v, scope);
                }
            }
        }
    }

    /// A comprehension's own scope: its loop variables shadow the enclosing scope's names.
    fn comprehension(&mut self, e: &Expr, results: &[&Expr], generators: &[Comprehension], scope: &ScopeInfo) {
        let comp = ScopeId(self.res.scopes.len() as u32);
        self.res.scopes.push(Scope::default());
        self.res.comps.insert(e.id, comp);
        let mut inner = scope.clone();
        inner.comps.push(comp);
        for (i, g) in generators.iter().enumerate() {
            // The first iterable is evaluated in the enclosing scope, as in CPython.
            self.expr(&g.iter, if i == 0 { scope } else { &inner });
            self.comp_target(&g.target, comp);
            for c in &g.ifs {
                self.expr(c, &inner);
            }
        }
        for r in results {
            self.expr(r, &inner);
        }
    }

    fn fstring(&mut self, parts: &[FStringPart], scope: &ScopeInfo) {
        for p in parts {
            if let FStringPart::Value { value, spec, .. } = p {
                self.expr(value, scope);
                self.fstring(spec, scope);
            }
        }
    }

    /// Comprehension targets bind in the comprehension's own scope.
    fn comp_target(&mut self, t: &Expr, comp: ScopeId) {
        match &t.kind {
            ExprKind::Name(n) => {
                let locals = &mut self.res.scopes[comp.0 as usize].locals;
                if !locals.contains(n) {
                    locals.push(n.clone());
                }
                self.res.names.insert(t.id, Binding::Var(comp, n.clone()));
            }
            ExprKind::Tuple(elts) => {
                for x in elts {
                    self.comp_target(x, comp);
                }
            }
            _ => self.diags.push(Diagnostic::unsupported(t.span, "this comprehension target", "only names and tuples of names")),
        }
    }

    fn lookup(&mut self, name: &str, scope: &ScopeInfo, span: Span) -> Binding {
        for &c in scope.comps.iter().rev() {
            if self.res.scopes[c.0 as usize].locals.iter().any(|l| l == name) {
                return Binding::Var(c, name.to_string());
            }
        }
        if scope.id != MODULE_SCOPE && !scope.globals.contains(name) && !scope.nonlocals.contains(name) && self.res.scopes[scope.id.0 as usize].locals.iter().any(|l| l == name) {
            return Binding::Var(scope.id, name.to_string());
        }
        if !scope.globals.contains(name) {
            // A variable of an enclosing function: a closure's free variable, kept in a cell.
            if let Some(pos) = scope.enclosing.iter().rposition(|(s, _)| self.res.scopes[s.0 as usize].locals.iter().any(|l| l == name)) {
                let owner = scope.enclosing[pos].0;
                let key = (owner, name.to_string());
                // This function and every function between it and the owner receive the cell.
                let mut users: Vec<FuncId> = scope.enclosing[pos + 1..].iter().map(|(_, f)| *f).collect();
                users.extend(scope.func);
                for f in users {
                    let caps = &mut self.res.funcs[f.0 as usize].captures;
                    if !caps.contains(&key) {
                        caps.push(key.clone());
                    }
                }
                self.res.cells.insert(key);
                return Binding::Var(owner, name.to_string());
            }
            for &c in &scope.outer_comps {
                if self.res.scopes[c.0 as usize].locals.iter().any(|l| l == name) {
                    self.diags.push(Diagnostic::unsupported(span, format!("the comprehension variable `{name}` captured by a function"), "not supported yet (bind it as a default argument: `lambda x=x: ...`)"));
                }
            }
        }
        if let Some(&f) = self.module_funcs.get(name) {
            return Binding::Func(f);
        }
        if let Some(&c) = self.module_classes.get(name) {
            return Binding::Class(c);
        }
        if let Some((m, n)) = self.from_imports.get(name) {
            return Binding::Imported(m.clone(), n.clone());
        }
        if self.res.imports.contains(name) {
            return Binding::Module(name.to_string());
        }
        if let Some(m) = self.import_aliases.get(name) {
            return Binding::Module(m.clone());
        }
        if self.res.scopes[0].locals.iter().any(|l| l == name) {
            if scope.id != MODULE_SCOPE {
                self.res.scopes[0].shared.insert(name.to_string());
            }
            return Binding::Var(MODULE_SCOPE, name.to_string());
        }
        if BUILTINS.contains(&name) {
            return Binding::Builtin(name.to_string());
        }
        // Unknown: CPython raises NameError when (if) this runs; keep that behaviour.
        Binding::Builtin(name.to_string())
    }
}

impl ScopeInfo {
    fn module() -> ScopeInfo {
        ScopeInfo { id: MODULE_SCOPE, globals: BTreeSet::new(), comps: Vec::new(), func: None, enclosing: Vec::new(), nonlocals: BTreeSet::new(), outer_comps: Vec::new() }
    }
}

/// Calls `f` on every statement of a function body, not descending into nested functions
/// or classes (their `global`/`nonlocal` declarations are their own).
fn own_stmts<'a>(stmts: &'a [Stmt], f: &mut dyn FnMut(&'a Stmt)) {
    for s in stmts {
        f(s);
        match &s.kind {
            StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
                own_stmts(body, f);
                own_stmts(orelse, f);
            }
            StmtKind::With { body, .. } => own_stmts(body, f),
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                own_stmts(body, f);
                for h in handlers {
                    own_stmts(&h.body, f);
                }
                own_stmts(orelse, f);
                own_stmts(finalbody, f);
            }
            _ => {}
        }
    }
}

/// Calls `f(name, span)` for every name a statement list binds in its own scope (assignment
/// targets, `for` targets, `def` names, imports), not descending into nested function bodies.
pub fn collect_bindings(stmts: &[Stmt], f: &mut dyn FnMut(&str, Span)) {
    fn target(e: &Expr, f: &mut dyn FnMut(&str, Span)) {
        match &e.kind {
            ExprKind::Name(n) => f(n, e.span),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => elts.iter().for_each(|x| target(x, f)),
            ExprKind::Starred(inner) => target(inner, f),
            _ => {}
        }
    }
    for s in stmts {
        match &s.kind {
            StmtKind::FunctionDef(def) => f(&def.name, def.header),
            StmtKind::ClassDef(def) => f(&def.name, def.header),
            StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target(t, f)),
            StmtKind::AugAssign { target: t, .. } | StmtKind::AnnAssign { target: t, .. } => target(t, f),
            StmtKind::For { target: t, body, orelse, .. } => {
                target(t, f);
                collect_bindings(body, f);
                collect_bindings(orelse, f);
            }
            StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
                collect_bindings(body, f);
                collect_bindings(orelse, f);
            }
            StmtKind::With { items, body } => {
                for (_, var) in items {
                    if let Some(v) = var {
                        target(v, f);
                    }
                }
                collect_bindings(body, f);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                collect_bindings(body, f);
                for h in handlers {
                    if let Some(n) = &h.name {
                        f(n, h.span);
                    }
                    collect_bindings(&h.body, f);
                }
                collect_bindings(orelse, f);
                collect_bindings(finalbody, f);
            }
            StmtKind::Import(names) => {
                for (name, alias) in names {
                    f(alias.as_deref().unwrap_or(name.split('.').next().unwrap_or(name)), s.span)
                }
            }
            _ => {}
        }
    }
}

/// A Python name as part of a longer Rust identifier (no keyword suffix needed).
pub fn ident_part(name: &str) -> String {
    let id = rust_ident(name);
    if id != name { id.trim_end_matches('_').to_string() } else { id }
}

/// A Python identifier as a Rust identifier (keywords get an `r#`-free suffix).
pub fn rust_ident(name: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
        "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
        "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
        "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "main",
    ];
    /// Runtime functions generated code calls by their bare names (a Python name equal to one
    /// would shadow it).
    const RESERVED: &[&str] = &[
        "print", "eprint", "range", "truthy", "py_str", "py_repr", "py_ascii", "argv", "sys_exit", "global_get",
        "global_set", "bound_local", "bound_global", "name_error", "saturating_i64", "min2", "max2", "min_values",
        "max_values", "abs_value", "divmod_value", "round_value", "int_value", "float_value", "float_truediv",
        "float_floordiv", "float_mod", "float_pow", "float_round", "float_round_ndigits", "float_divmod",
        "float_parse", "format_int", "format_float", "format_str", "format_bool", "format_value", "py_enumerate",
        "sorted", "sorted_by_key", "min_by_key", "max_by_key", "min_iter", "max_iter", "sum_values", "try_collect",
        "try_any", "try_all", "py_map", "py_filter", "py_genexpr", "unpack", "next_of", "next_or_default",
        "exc_class_value", "enter_call", "run_main", "module_body", "open", "ord", "chr", "frozenset_of", "Some",
        "None", "Ok", "Err", "Value", "Int", "PyStr", "PyList", "PyDict", "PySet", "PyErr", "Exc", "Vec", "String",
        // The parameter of a generator's `resume`.
        "input",
    ];
    if name == "_" {
        // `_` alone is a pattern in Rust, not a variable.
        return "_0".to_string();
    }
    let ascii: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { 'u' }).collect();
    // Generated temporaries are lowercase words with a number (`items3`): never a user's name.
    let like_temporary = {
        let stem = ascii.trim_end_matches(|c: char| c.is_ascii_digit());
        stem.len() < ascii.len() && !stem.is_empty() && stem.chars().all(|c| c.is_ascii_lowercase())
    };
    if KEYWORDS.contains(&ascii.as_str()) || RESERVED.contains(&ascii.as_str()) || like_temporary || ascii != name {
        format!("{ascii}_")
    } else {
        ascii
    }
}
