//! Emission: the IR of [`crate::rir`] becomes Rust syntax built with `quote` (never by gluing
//! strings), parsed into a `syn::File` and printed with `prettyplease`.
//!
//! Architecture invariant: this is the only module that knows `syn`/`quote`.

use crate::rir::*;
use crate::types::Ty;
use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote};

thread_local! {
    /// The Rust names of class hierarchies by root id, for `ty_tokens` while a program is
    /// emitted (set by `emit_program`).
    static CLASS_NAMES: std::cell::RefCell<std::collections::HashMap<u32, String>> = Default::default();
    /// The state-machine enum of each generator function, by function id.
    static GEN_NAMES: std::cell::RefCell<std::collections::HashMap<u32, (String, bool)>> = Default::default();
}

/// A generator function's state-machine `enum` and its `impl Generator`.
fn gen_def(g: &GenDef) -> TokenStream {
    let name = format_ident!("{}", g.name);
    let variants = g.states.iter().map(|st| {
        let v = format_ident!("{}", st.name);
        let doc = format!(" {}", st.doc);
        let fields = st.fields.iter().map(|(f, t)| {
            let f = format_ident!("{}", f);
            let t = field_ty(t);
            quote! { #f: #t }
        });
        if st.fields.is_empty() {
            quote! { #[doc = #doc] #v }
        } else {
            quote! { #[doc = #doc] #v { #(#fields),* } }
        }
    });
    let y = ty_tokens(&g.yield_ty);
    let r = ty_tokens(&g.ret_ty);
    let sent = ty_tokens(&g.sent_ty);
    let py_name = Literal::string(&g.qualname);
    let resume = block(&g.resume);
    let item = if g.infallible {
        quote! {
            /// Its body cannot raise: iterated where it is made, it yields plain values.
            type Item = #y;
            fn item(next: PyResult<#y>) -> #y {
                next.unwrap_or_else(|e| impossible_exception(e))
            }
        }
    } else {
        quote! {
            type Item = PyResult<#y>;
            fn item(next: PyResult<#y>) -> PyResult<#y> {
                next
            }
        }
    };
    let doc = format!(" The generator function `{}` (line {}): one state per place it can be paused.", g.py_name, g.line);
    let inline = if g.inline { quote! { #[inline(always)] } } else { quote! { #[inline] } };
    // A flat generator (see `lower/generators.rs`) has no `Return` of its own (it is `None`)
    // and gives its sub-generators to the runtime's `Flat`.
    let (protocol, ret_ty, resume_fn) = if g.flat {
        (quote! { FlatGenerator }, quote! {}, quote! { fn resume_flat(&mut self, input: Input<#sent>) -> PyResult<Step<#y, (), Self>> })
    } else {
        (quote! { Generator }, quote! { type Return = #r; }, quote! { fn resume(&mut self, input: Input<#sent>) -> PyResult<Step<#y, #r>> })
    };
    let protocol = quote! {
        impl #protocol for #name {
            type Yield = #y;
            #ret_ty
            #item
            type Sent = #sent;
            const NAME: &'static str = #py_name;

            #inline
            #resume_fn #resume
        }
    };
    quote! {
        #[doc = #doc]
        enum #name {
            #(#variants,)*
            /// Finished (returned, raised, or closed).
            Done,
        }

        #protocol
    }
}

fn field_ty(t: &FieldTy) -> TokenStream {
    match t {
        FieldTy::Plain(t) => ty_tokens(t),
        FieldTy::Optional(t) => {
            let t = ty_tokens(t);
            quote! { Option<#t> }
        }
        FieldTy::DelegateValue => quote! { DelegateValue },
        FieldTy::DelegateIter(t) => {
            let t = ty_tokens(t);
            quote! { DelegateIter<PyIter<#t>> }
        }
        FieldTy::Completion(t) => {
            let t = ty_tokens(t);
            quote! { Completion<#t> }
        }
        FieldTy::Cell(t) => {
            let t = ty_tokens(t);
            quote! { PyCell<#t> }
        }
        FieldTy::ForIter(ForIter::Values) => quote! { ValueIter },
        FieldTy::ForIter(ForIter::List(t)) => {
            let t = ty_tokens(t);
            quote! { PyListIter<#t> }
        }
        FieldTy::ForIter(ForIter::Range) => quote! { RangeIter },
        FieldTy::ForIter(ForIter::Boxed(t)) => {
            let t = ty_tokens(t);
            quote! { PyIter<#t> }
        }
    }
}

/// `type Point = Instance<PointData>;`, the data struct, and the `ClassData` hooks.
/// A data struct's fields: each attribute is unset until assigned.
fn option_fields(fields: &[(String, Ty)]) -> Vec<TokenStream> {
    fields
        .iter()
        .map(|(n, t)| {
            let n = format_ident!("{}", n);
            let t = ty_tokens(t);
            quote! { #n: Option<#t> }
        })
        .collect()
}

fn class_type(c: &ClassType) -> TokenStream {
    let ty = format_ident!("{}", c.name);
    let data = format_ident!("{}Data", c.name);
    let fields = option_fields(&c.fields);
    let names: Vec<TokenStream> = c
        .names
        .iter()
        .map(|(tag, n)| {
            let tag = Literal::u32_unsuffixed(*tag);
            quote! { #tag => #n }
        })
        .collect();
    let hooks = c.hooks.iter().map(|(hook, arms)| {
        let arms = arms.iter().map(|(tags, f)| {
            let tags = tags.iter().map(|t| Literal::u32_unsuffixed(*t));
            let f = format_ident!("{}", f);
            match hook.as_str() {
                "eq" | "lt" | "le" | "gt" | "ge" => quote! { #(#tags)|* => Some(#f(a.clone(), b.clone())) },
                "hash" => quote! { #(#tags)|* => Some(#f(obj.clone()).map(|h| hash_of_int(&h))) },
                _ => quote! { #(#tags)|* => Some(#f(obj.clone())) },
            }
        });
        match hook.as_str() {
            "lt" | "le" | "gt" | "ge" => quote! {},
            "eq" => quote! { fn dunder_eq(a: &#ty, b: &#ty) -> Option<PyResult<bool>> { match a.class() { #(#arms,)* _ => None } } },
            "hash" => quote! { fn dunder_hash(obj: &#ty) -> Option<PyResult<i64>> { match obj.class() { #(#arms,)* _ => None } } },
            "bool" => quote! { fn dunder_bool(obj: &#ty) -> Option<PyResult<bool>> { match obj.class() { #(#arms,)* _ => None } } },
            "repr" => quote! { fn dunder_repr(obj: &#ty) -> Option<PyResult<PyStr>> { match obj.class() { #(#arms,)* _ => None } } },
            _ => quote! { fn dunder_str(obj: &#ty) -> Option<PyResult<PyStr>> { match obj.class() { #(#arms,)* _ => None } } },
        }
    });
    let dyn_hooks = {
        let methods = c.dyn_methods.iter().map(|(n, b)| {
            let body = block(b);
            quote! { #n => Some((|| -> PyResult<Value> #body)()) }
        });
        if c.dyn_methods.is_empty() {
            quote! {}
        } else {
            quote! { fn call_method(obj: &#ty, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> { match name { #(#methods,)* _ => None } } }
        }
    };
    // `<`, `<=`, `>`, `>=`: one hook matching the operator, then the class.
    let cmps: Vec<TokenStream> = c
        .hooks
        .iter()
        .filter_map(|(hook, arms)| {
            let op = match hook.as_str() {
                "lt" => quote! { CmpOp::Lt },
                "le" => quote! { CmpOp::Le },
                "gt" => quote! { CmpOp::Gt },
                "ge" => quote! { CmpOp::Ge },
                _ => return None,
            };
            let arms = arms.iter().map(|(tags, f)| {
                let tags = tags.iter().map(|t| Literal::u32_unsuffixed(*t));
                let f = format_ident!("{}", f);
                quote! { #(#tags)|* => Some(#f(a.clone(), b.clone())) }
            });
            Some(quote! { #op => match a.class() { #(#arms,)* _ => None } })
        })
        .collect();
    let cmp_hook = if cmps.is_empty() {
        quote! {}
    } else {
        quote! {
            #[allow(unreachable_patterns)]
            fn dunder_cmp(a: &#ty, b: &#ty, op: CmpOp) -> Option<PyResult<bool>> {
                match op { #(#cmps,)* _ => None }
            }
        }
    };
    let attrs: Vec<TokenStream> = c
        .attrs
        .iter()
        .map(|(py, rust, getter)| {
            let f = format_ident!("{}", rust);
            if *getter {
                quote! { #py => Some(#f(obj).map(IntoValue::into_value)) }
            } else {
                quote! { #py => Some(obj.get(|d| &d.#f, #py).map(IntoValue::into_value)) }
            }
        })
        .collect();
    let attr_hook = if attrs.is_empty() {
        quote! {}
    } else {
        quote! {
            fn get_attr(obj: &#ty, name: &str) -> Option<PyResult<Value>> {
                match name { #(#attrs,)* _ => None }
            }
        }
    };
    // A `list`/`dict` subclass: the builtin value its instances hold, for dynamic values.
    let base_hook = if c.fields.iter().any(|(n, _)| n == "__base__") {
        quote! {
            fn base_value(obj: &#ty) -> Option<Value> {
                obj.data().__base__.clone().map(IntoValue::into_value)
            }
        }
    } else {
        quote! {}
    };
    let small = match &c.small_fields {
        Some(fields) => {
            let small = format_ident!("{}SmallData", c.name);
            let fields = option_fields(fields);
            quote! {
                /// Their attributes when kept in place with the ints that fit in machine words.
                #[derive(Default)]
                struct #small { #(#fields,)* }

                impl ClassData for #small {
                    fn class_name(tag: u32) -> &'static str {
                        match tag { #(#names,)* _ => "object" }
                    }
                }
            }
        }
        None => quote! {},
    };
    let doc = format!(" Instances of `class {}` and its subclasses.", c.name);
    quote! {
        #small

        #[doc = #doc]
        type #ty = Instance<#data>;

        /// Their attributes (unset until assigned).
        #[derive(Default)]
        struct #data { #(#fields,)* }

        impl ClassData for #data {
            fn class_name(tag: u32) -> &'static str {
                match tag { #(#names,)* _ => "object" }
            }
            #(#hooks)*
            #dyn_hooks
            #cmp_hook
            #attr_hook
            #base_hook
        }
    }
}

/// Prints a whole program as Rust source.
pub fn emit_program(p: &Program) -> Result<String, String> {
    CLASS_NAMES.with(|n| {
        let mut n = n.borrow_mut();
        n.clear();
        for c in &p.classes {
            if let Some((tag, _)) = c.names.first() {
                n.insert(*tag, c.name.clone());
            }
        }
    });
    GEN_NAMES.with(|n| {
        let mut n = n.borrow_mut();
        n.clear();
        for g in &p.gens {
            n.insert(g.func, (g.name.clone(), g.flat));
        }
    });
    let gens = p.gens.iter().map(gen_def);
    let classes = p.classes.iter().map(class_type);
    let exc_classes = p.exc_classes.iter().map(|c| {
        let n = format_ident!("{}", c.static_name);
        let name = Literal::string(&c.name);
        let base = expr(&c.base);
        quote! { static #n: ExcClass = ExcClass { name: #name, base: #base }; }
    });
    let statics = p.statics.iter().map(|s| {
        let name = format_ident!("{}", s.name);
        let ty = ty_tokens(&s.ty);
        quote! { static #name: Global<#ty> = const { Global::new() }; }
    });
    let statics = if p.statics.is_empty() { quote! {} } else { quote! { thread_local! { #(#statics)* } } };
    let funcs = p.funcs.iter().map(func);
    let body = block(&p.module_body);
    let file = Literal::string(&p.file);
    let source = Literal::string(&p.source);
    let tokens = quote! {
        #![allow(unused_mut, unused_variables, unused_assignments, unused_parens, unused_braces, unreachable_code, non_snake_case, dead_code, clippy::all)]
        use py2rust_runtime::prelude::*;

        #statics

        #(#exc_classes)*

        #(#classes)*

        #(#gens)*

        #(#funcs)*

        /// The module's top-level code.
        fn module_body() -> PyResult<()> #body

        fn main() {
            run_main(#file, SOURCE, module_body)
        }

        /// The Python source, for tracebacks.
        const SOURCE: &str = #source;
    };
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("emitted tokens do not parse as Rust: {e}"))?;
    let header = format!("//! Generated by py2rust from {}. Do not edit: edit the Python source.\n", p.file);
    Ok(header + &prettyplease::unparse(&file))
}

fn func(f: &Func) -> TokenStream {
    let name = format_ident!("{}", f.name);
    let captures = f.captures.iter().map(|(n, t)| {
        let n = format_ident!("{}", n);
        let t = ty_tokens(t);
        quote! { #n: &PyCell<#t> }
    });
    let params = f.params.iter().enumerate().map(|(i, (n, t))| {
        let n = format_ident!("{}", n);
        let tokens = ty_tokens(t);
        match (i, f.self_param) {
            (0, SelfParam::Ref) => quote! { #n: &#tokens },
            (0, SelfParam::Mut) => quote! { #n: &mut #tokens },
            (0, SelfParam::Local) => {
                // The hierarchy's data struct, `PointData` for `Point`.
                let data = format_ident!("{}Data", tokens.to_string());
                quote! { #n: &mut LocalInstance<#data> }
            }
            (0, SelfParam::LocalSmall) => {
                let data = format_ident!("{}SmallData", tokens.to_string());
                quote! { #n: &mut LocalInstance<#data> }
            }
            _ => quote! { mut #n: #tokens },
        }
    });
    let params = captures.chain(params);
    let ret = ty_tokens(&f.ret);
    let body = block(&f.body);
    let mut doc = if f.line == 0 { format!(" Generated for `{}`.", f.py_name) } else { format!(" `def {}` (line {}).", f.py_name, f.line) };
    match f.self_param {
        SelfParam::Local => doc.push_str(" On an instance kept in place."),
        SelfParam::LocalSmall => doc.push_str(" On an instance kept in place, with machine-word attributes."),
        _ => {}
    }
    quote! {
        #[doc = #doc]
        fn #name(#(#params),*) -> PyResult<#ret> #body
    }
}

pub fn ty_tokens(t: &Ty) -> TokenStream {
    match t {
        Ty::Int => quote! { Int },
        Ty::I64 => quote! { i64 },
        Ty::Float => quote! { f64 },
        Ty::Bool => quote! { bool },
        Ty::Str => quote! { PyStr },
        Ty::None | Ty::Never => quote! { () },
        Ty::List(e) => {
            let e = ty_tokens(e);
            quote! { PyList<#e> }
        }
        Ty::Dict(k, v) => {
            let (k, v) = (ty_tokens(k), ty_tokens(v));
            quote! { PyDict<#k, #v> }
        }
        Ty::Set(e) => {
            let e = ty_tokens(e);
            quote! { PySet<#e> }
        }
        Ty::Tuple(ts) if ts.is_empty() => quote! { EmptyTuple },
        Ty::Tuple(ts) => {
            let ts = ts.iter().map(ty_tokens);
            quote! { (#(#ts,)*) }
        }
        Ty::Exc => quote! { PyErr },
        Ty::Obj(c) => {
            let name = CLASS_NAMES.with(|n| n.borrow().get(&c.0).cloned()).unwrap_or_else(|| "Value".to_string());
            let n = format_ident!("{}", name);
            quote! { #n }
        }
        Ty::Class(_) => quote! { u32 },
        Ty::File => quote! { PyFile },
        Ty::Iter(t) => {
            let t = ty_tokens(t);
            quote! { PyIter<#t> }
        }
        Ty::Range => quote! { PyRange },
        Ty::Opt(t) => {
            let t = ty_tokens(t);
            quote! { Option<#t> }
        }
        Ty::Gen(f) | Ty::OwnedGen(f) => {
            let (name, flat) = GEN_NAMES.with(|n| n.borrow().get(&f.0).cloned()).unwrap_or_else(|| ("Value".to_string(), false));
            let n = format_ident!("{}", name);
            let state = if flat { quote! { Flat<#n> } } else { quote! { #n } };
            if matches!(t, Ty::OwnedGen(_)) {
                quote! { OwnedGen<#state> }
            } else {
                quote! { PyGen<#state> }
            }
        }
        Ty::Dyn | Ty::Func(_) | Ty::Module(_) => quote! { Value },
    }
}

fn block(b: &Block) -> TokenStream {
    let stmts = b.stmts.iter().map(stmt);
    let tail = b.tail.as_ref().map(|t| expr(t));
    quote! { { #(#stmts)* #tail } }
}

fn label(l: &Option<String>) -> TokenStream {
    match l {
        Some(l) => {
            let lt = syn::Lifetime::new(l, Span::call_site());
            quote! { #lt: }
        }
        None => quote! {},
    }
}

fn label_ref(l: &Option<String>) -> TokenStream {
    match l {
        Some(l) => {
            let lt = syn::Lifetime::new(l, Span::call_site());
            quote! { #lt }
        }
        None => quote! {},
    }
}

fn pat(pat_: &Pat) -> TokenStream {
    match pat_ {
        Pat::Ident(n) => {
            let n = format_ident!("{}", n);
            quote! { #n }
        }
        Pat::Mut(n) => {
            let n = format_ident!("{}", n);
            quote! { mut #n }
        }
        Pat::Tuple(ps) => {
            let ps = ps.iter().map(pat);
            quote! { (#(#ps,)*) }
        }
        Pat::Wild => quote! { _ },
        Pat::Ints(ns) => {
            let ns = ns.iter().map(|n| Literal::u32_unsuffixed(*n));
            quote! { #(#ns)|* }
        }
        Pat::Struct(p, fields) if fields.is_empty() => path(p),
        Pat::Struct(p, fields) | Pat::StructRest(p, fields) => {
            let rest = matches!(pat_, Pat::StructRest(..)).then(|| quote! { .. });
            let p = path(p);
            let fields = fields.iter().map(|(f, fp)| match fp {
                // Shorthand: `AtLine4 { mut a }`.
                Pat::Mut(n) if n == f => {
                    let n = format_ident!("{}", n);
                    quote! { mut #n }
                }
                Pat::Ident(n) if n == f => {
                    let n = format_ident!("{}", n);
                    quote! { #n }
                }
                other => {
                    let f = format_ident!("{}", f);
                    let fp = pat(other);
                    quote! { #f: #fp }
                }
            });
            match rest {
                Some(rest) => quote! { #p { #(#fields,)* #rest } },
                None => quote! { #p { #(#fields),* } },
            }
        }
        Pat::Variant(p, ps) if ps.is_empty() => path(p),
        Pat::Variant(p, ps) => {
            let p = path(p);
            let ps = ps.iter().map(pat);
            quote! { #p(#(#ps),*) }
        }
    }
}

fn stmt(s: &Stmt) -> TokenStream {
    match s {
        Stmt::Let { name, ty, init, mutable, optional } => {
            let n = format_ident!("{}", name);
            let m = if *mutable { quote! { mut } } else { quote! {} };
            let ty = ty.as_ref().map(|t| {
                let t = ty_tokens(t);
                if *optional { quote! { : Option<#t> } } else { quote! { : #t } }
            });
            let init = init.as_ref().map(|e| {
                let e = expr(e);
                quote! { = #e }
            });
            quote! { let #m #n #ty #init; }
        }
        Stmt::LetPat { pat: p, value } => {
            let p = pat(p);
            let v = expr(value);
            quote! { let #p = #v; }
        }
        Stmt::LetElse { pat: p, value, els } => {
            let p = pat(p);
            let v = expr(value);
            let els = block(els);
            quote! { let #p = #v else #els; }
        }
        Stmt::Assign { place, value } => {
            let p = expr(place);
            let v = expr(value);
            quote! { #p = #v; }
        }
        Stmt::CompoundAssign { place, op, value } => {
            let p = expr(place);
            let v = expr(value);
            let op = match op {
                BinOp::Add => quote! { += },
                BinOp::Sub => quote! { -= },
                BinOp::Mul => quote! { *= },
                BinOp::BitAnd => quote! { &= },
                BinOp::BitOr => quote! { |= },
                BinOp::BitXor => quote! { ^= },
                BinOp::Shr => quote! { >>= },
                _ => quote! { = },
            };
            quote! { #p #op #v; }
        }
        Stmt::Expr(e) => {
            let e = expr(e);
            quote! { #e; }
        }
        Stmt::If { cond, then, els } => {
            let c = expr(cond);
            let t = block(then);
            match els {
                None => quote! { if #c #t },
                Some(e) => {
                    // `else if` chains read better than nested blocks.
                    if let ([Stmt::If { .. }], None) = (e.stmts.as_slice(), &e.tail) {
                        let inner = stmt(&e.stmts[0]);
                        quote! { if #c #t else #inner }
                    } else {
                        let e = block(e);
                        quote! { if #c #t else #e }
                    }
                }
            }
        }
        Stmt::While { label: l, cond, body } => {
            let l = label(l);
            let c = expr(cond);
            let b = block(body);
            quote! { #l while #c #b }
        }
        Stmt::Loop { label: l, body } => {
            let l = label(l);
            let b = block(body);
            quote! { #l loop #b }
        }
        Stmt::For { label: l, pat: p, iter: Expr::Versions { setup, test, small, usual }, body } => {
            let (l, p, b) = (label(l), pat(p), block(body));
            let setup = setup.iter().map(stmt);
            let (test, small, usual) = (expr(test), expr(small), expr(usual));
            quote! { { #(#setup)* if #test { #l for #p in #small #b } else { #l for #p in #usual #b } } }
        }
        Stmt::For { label: l, pat: p, iter, body } => {
            let l = label(l);
            let p = pat(p);
            let i = expr(iter);
            let b = block(body);
            quote! { #l for #p in #i #b }
        }
        Stmt::Labeled { label: l, body } => {
            let l = label(&Some(l.clone()));
            let b = block(body);
            quote! { #l #b }
        }
        Stmt::Break(l) => {
            let l = label_ref(l);
            quote! { break #l; }
        }
        Stmt::Continue(l) => {
            let l = label_ref(l);
            quote! { continue #l; }
        }
        Stmt::Return(e) => {
            let e = expr(e);
            quote! { return #e; }
        }
        Stmt::BreakWith(l, e) => {
            let l = label_ref(&Some(l.clone()));
            let e = expr(e);
            quote! { break #l #e; }
        }
        Stmt::Match { value, arms } => {
            let v = expr(value);
            let arms = arms.iter().map(|(p, b)| {
                let p = pat(p);
                let b = block(b);
                quote! { #p => #b }
            });
            quote! { match #v { #(#arms)* }; }
        }
    }
}

fn path(p: &str) -> TokenStream {
    match p {
        "&mut" => quote! { &mut },
        _ => syn::parse_str::<syn::Path>(p).map(|p| quote! { #p }).unwrap_or_else(|_| {
            let msg = format!("py2rust internal error: bad path {p}");
            quote! { compile_error!(#msg) }
        }),
    }
}

fn binop(op: BinOp) -> TokenStream {
    match op {
        BinOp::Add => quote! { + },
        BinOp::Sub => quote! { - },
        BinOp::Mul => quote! { * },
        BinOp::Div => quote! { / },
        BinOp::Rem => quote! { % },
        BinOp::BitAnd => quote! { & },
        BinOp::BitOr => quote! { | },
        BinOp::BitXor => quote! { ^ },
        BinOp::Shr => quote! { >> },
        BinOp::And => quote! { && },
        BinOp::Or => quote! { || },
        BinOp::Eq => quote! { == },
        BinOp::Ne => quote! { != },
        BinOp::Lt => quote! { < },
        BinOp::Le => quote! { <= },
        BinOp::Gt => quote! { > },
        BinOp::Ge => quote! { >= },
    }
}

/// Where an expression appears, for deciding parentheses by Rust's precedence.
#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    /// An operand of a binary operator.
    Binary,
    /// The operand of a prefix operator (`&`, `-`, `!`, `*`) or a cast.
    Prefix,
    /// A method receiver, field owner or callee (binds tightest).
    Postfix,
}

fn operand(e: &Expr) -> TokenStream {
    operand_in(e, Ctx::Postfix)
}

fn operand_in(e: &Expr, ctx: Ctx) -> TokenStream {
    let t = expr(e);
    let needs = match e {
        Expr::Binary(..) | Expr::Range(..) | Expr::If(..) | Expr::Closure(..) | Expr::MoveClosure(..) | Expr::MoveFn(..) | Expr::MoveClosureWith(..) => true,
        Expr::Unary(..) | Expr::Ref(_) | Expr::RefMut(_) | Expr::Deref(_) => ctx == Ctx::Postfix,
        Expr::Cast(..) => ctx != Ctx::Binary,
        Expr::Float(f) => f.is_sign_negative() && ctx != Ctx::Binary,
        Expr::Int(n) => *n < 0 && ctx == Ctx::Postfix,
        Expr::RawInt(n) | Expr::I64(n) => *n < 0 && ctx != Ctx::Binary,
        _ => false,
    };
    if needs {
        quote! { (#t) }
    } else {
        t
    }
}

fn expr(e: &Expr) -> TokenStream {
    match e {
        Expr::Int(n) => {
            let lit = Literal::i64_unsuffixed(n.unsigned_abs() as i64);
            if *n == i64::MIN {
                quote! { Int::Small(i64::MIN) }
            } else if *n < 0 {
                quote! { Int::Small(-#lit) }
            } else {
                quote! { Int::Small(#lit) }
            }
        }
        Expr::BigInt(digits) => {
            let lit = Literal::string(digits);
            quote! { Int::big(#lit) }
        }
        Expr::Float(f) => {
            if f.is_nan() {
                quote! { f64::NAN }
            } else if f.is_infinite() {
                if *f > 0.0 { quote! { f64::INFINITY } } else { quote! { f64::NEG_INFINITY } }
            } else {
                let lit = Literal::f64_suffixed(f.abs());
                if f.is_sign_negative() { quote! { -#lit } } else { quote! { #lit } }
            }
        }
        Expr::Bool(b) => quote! { #b },
        Expr::Str(s) => {
            let lit = Literal::string(s);
            quote! { PyStr::from(#lit) }
        }
        Expr::StrLit(s) => {
            let lit = Literal::string(s);
            quote! { #lit }
        }
        Expr::Unit => quote! { () },
        Expr::Var(n) => {
            let n = format_ident!("{}", n);
            quote! { #n }
        }
        Expr::Path(p) => path(p),
        Expr::Call(f, args) => {
            let f = match &**f {
                Expr::Path(p) => path(p),
                other => operand(other),
            };
            let args = args.iter().map(expr);
            quote! { #f(#(#args),*) }
        }
        Expr::Method(recv, name, args) => {
            let r = operand(recv);
            let n = format_ident!("{}", name);
            let args = args.iter().map(expr);
            quote! { #r.#n(#(#args),*) }
        }
        Expr::Binary(op, l, r) => {
            let (l, r) = (operand_in(l, Ctx::Binary), operand_in(r, Ctx::Binary));
            let op = binop(*op);
            quote! { #l #op #r }
        }
        Expr::Range(start, end) => {
            let (a, b) = (operand_in(start, Ctx::Binary), operand_in(end, Ctx::Binary));
            quote! { #a..#b }
        }
        Expr::Unary(op, x) => {
            let x = operand_in(x, Ctx::Prefix);
            match op {
                UnOp::Not => quote! { !#x },
                UnOp::Neg => quote! { -#x },
            }
        }
        Expr::Ref(x) => {
            let x = operand_in(x, Ctx::Prefix);
            quote! { &#x }
        }
        Expr::MoveClosure(b) => {
            let b = expr(b);
            quote! { move || #b }
        }
        Expr::MoveFn(params, body) => {
            let ps = params.iter().map(pat);
            let b = expr(body);
            quote! { move |#(#ps),*| #b }
        }
        Expr::NewCell(t, None) => {
            let t = ty_tokens(t);
            quote! { PyCell::<#t>::unbound() }
        }
        Expr::NewCell(_, Some(v)) => {
            let v = expr(v);
            quote! { PyCell::new(#v) }
        }
        Expr::RefMut(x) => {
            let x = operand_in(x, Ctx::Prefix);
            quote! { &mut #x }
        }
        Expr::Deref(x) => {
            let x = operand_in(x, Ctx::Prefix);
            quote! { *#x }
        }
        Expr::Cast(x, ty) => {
            let x = operand_in(x, Ctx::Prefix);
            let ty = format_ident!("{}", ty);
            quote! { #x as #ty }
        }
        Expr::Try { expr: x, func, line, catch } => {
            let x = operand(x);
            let func = Literal::string(func);
            let line = Literal::u32_unsuffixed(*line);
            match catch {
                None => quote! { #x.at(#func, #line)? },
                Some(c) => {
                    let label = syn::Lifetime::new(&c.label, Span::call_site());
                    let leave = expr(&c.wrap(Expr::Var("err".into())));
                    quote! { match #x.at(#func, #line) { Ok(value) => value, Err(err) => break #label #leave } }
                }
            }
        }
        Expr::Index(x, i) => {
            let x = operand(x);
            let i = Literal::usize_unsuffixed(*i);
            quote! { #x[#i] }
        }
        Expr::NamedField(x, name) => {
            let x = operand(x);
            let n = format_ident!("{}", name);
            quote! { #x.#n }
        }
        Expr::MatchExpr(v, arms) => {
            let v = expr(v);
            let arms = arms.iter().map(|(p, b)| {
                let p = pat(p);
                let b = block(b);
                quote! { #p => #b }
            });
            quote! { match #v { #(#arms)* } }
        }
        Expr::CompletionNormal(t) => {
            let t = ty_tokens(t);
            quote! { Completion::<#t>::Normal }
        }
        Expr::LabeledBlock(l, b) => {
            let l = label(&Some(l.clone()));
            let b = block(b);
            quote! { #l #b }
        }
        Expr::Question(x) => {
            let x = operand(x);
            quote! { #x? }
        }
        Expr::Block(b) => block(b),
        Expr::If(c, a, b) => {
            let c = expr(c);
            let (a, b) = (block(a), block(b));
            quote! { if #c #a else #b }
        }
        Expr::Versions { setup, test, small, usual } => {
            let setup = setup.iter().map(stmt);
            let (test, small, usual) = (expr(test), expr(small), expr(usual));
            quote! { { #(#setup)* if #test { Versioned::Small(#small) } else { Versioned::Usual(#usual) } } }
        }
        Expr::Tuple(items) => {
            let items = items.iter().map(expr);
            quote! { (#(#items,)*) }
        }
        Expr::Field(x, i) => {
            let x = operand(x);
            let i = syn::Index::from(*i);
            quote! { #x.#i }
        }
        Expr::Array(items) => {
            let items = items.iter().map(expr);
            quote! { [#(#items),*] }
        }
        Expr::Vec(items) => {
            let items = items.iter().map(expr);
            quote! { vec![#(#items),*] }
        }
        Expr::Ok(x) => {
            let x = expr(x);
            quote! { Ok(#x) }
        }
        Expr::Closure(params, body) => {
            let ps = params.iter().map(pat);
            let b = expr(body);
            quote! { |#(#ps),*| #b }
        }
        Expr::MoveClosureWith(params, body) => {
            let ps = params.iter().map(pat);
            let b = expr(body);
            quote! { move |#(#ps),*| #b }
        }
        Expr::TypedCall(t, name, args) => {
            let t = ty_tokens(t);
            let n = format_ident!("{}", name);
            let args = args.iter().map(expr);
            quote! { <#t>::#n(#(#args),*) }
        }
        Expr::RawInt(n) => {
            let lit = Literal::i64_unsuffixed(*n);
            quote! { #lit }
        }
        Expr::I64(n) if *n == i64::MIN => quote! { i64::MIN },
        Expr::I64(n) => {
            let lit = Literal::i64_suffixed(*n);
            quote! { #lit }
        }
        Expr::NextInput(t) => {
            let t = ty_tokens(t);
            quote! { Input::<#t>::Next }
        }
        Expr::FromValue(x, t) => {
            let x = expr(x);
            let t = ty_tokens(t);
            quote! { <#t as FromValue>::from_value(#x) }
        }
        Expr::Struct(p, fields) if fields.is_empty() => path(p),
        Expr::Struct(p, fields) => {
            let p = path(p);
            let fields = fields.iter().map(|(f, v)| {
                let fi = format_ident!("{}", f);
                match v {
                    Expr::Var(n) if n == f => quote! { #fi },
                    v => {
                        let v = expr(v);
                        quote! { #fi: #v }
                    }
                }
            });
            quote! { #p { #(#fields),* } }
        }
    }
}
